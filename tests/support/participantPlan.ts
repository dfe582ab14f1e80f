/**
 * What the load's participants are asked to do and what they report, whichever kind they are
 * (libwebrtc's `HeadlessParticipant` or a `LightParticipant`). No DOM types here, so that Node-only
 * code (the light participants, their integration test) reads it too.
 */

/** A picture a synthetic camera or screen sends. */
export interface VideoFormat {
  width: number;
  height: number;
  fps: number;
}

/** What a participant of the load sends and which of the streams it receives it shows. */
export interface ParticipantPlan {
  /** Whether it sends a microphone or only listens (default: it speaks). */
  microphone?: boolean;
  /** What this participant sends besides its microphone. */
  camera?: VideoFormat;
  screen?: VideoFormat;
  /** How many cameras it watches (the first ones it hears of), and at which simulcast layer: its tiles. */
  watchedCameras: number;
  cameraLayer: number;
}

/** What one participant received, summed over its streams of a kind (RTCStats inbound-rtp). */
export interface ReceivedCounts {
  streams: number;
  packetsReceived: number;
  packetsLost: number;
  bytesReceived: number;
  framesDecoded: number;
}

/** Per kind, and the video its tiles showed (frames handed to a sink, and freezes among them). */
export type ReceivedByKind = Record<'audio' | 'video', ReceivedCounts> & { shown: ShownVideo };

export const noCounts = (): ReceivedCounts => ({ streams: 0, packetsReceived: 0, packetsLost: 0, bytesReceived: 0, framesDecoded: 0 });

/** Frames shown on a participant's tiles, and the freezes among them. */
export interface ShownVideo {
  frames: number;
  freezes: number;
}

/** Waits until some remote audio has arrived (the participant hears the room), or 10 s have passed. */
export async function untilAudioArrives(received: () => ReceivedByKind | Promise<ReceivedByKind>): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    if ((await received()).audio.packetsReceived > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no audio arrived within 10 s of entering');
}
