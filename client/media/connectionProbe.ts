import { request, type AppClientSocket } from '../services/socket';
import { assessInbound, assessOutbound, worse, type InboundCounters, type LinkQuality, type OutboundCounters } from './linkQuality';
import { MediaSession, type MediaDevice } from './mediaSession';

/** How long the lobby's test sends and receives: long enough for the estimate of the link to settle. */
export const PROBE_SECONDS = 6;

/** What the lobby tells the person before they enter: whether their audio and video will work, and why. */
export interface ProbeResult {
  audio: LinkQuality | 'failed';
  video: LinkQuality | 'failed' | 'none';
  roundTripMs?: number;
  lossPercent: number;
  uplinkKbps?: number;
  path?: OutboundCounters['path'];
}

/** Whole-window verdict of one stream that came back, or 'failed' if nothing did. */
function verdict(first: InboundCounters | undefined, last: InboundCounters | undefined, outbound: LinkQuality): LinkQuality | 'failed' {
  if (!first || !last || last.packetsReceived === 0) return 'failed';
  return worse(assessInbound(first, last, first.at, true).quality, outbound);
}

/**
 * Sends copies of the lobby's microphone and camera to a room of the person's own on the media
 * server and receives them back, as a session would, for PROBE_SECONDS; `onProgress` hears 0…1.
 */
export async function probeConnection(socket: AppClientSocket, device: MediaDevice, stream: MediaStream | null, onProgress: (fraction: number) => void): Promise<ProbeResult> {
  const started = await request(socket, 'probe:start', {});
  const media = new MediaSession(socket, device, started.ice);
  const copies = (stream?.getTracks() ?? []).map((track) => track.clone());
  try {
    await media.start();
    const sent: { kind: 'audio' | 'video'; producerId: string }[] = [];
    for (const track of copies)
      sent.push({ kind: track.kind === 'video' ? 'video' : 'audio', producerId: await media.publish(track, track.kind === 'video' ? 'camera' : 'microphone') });
    const received = await Promise.all(sent.map(async ({ kind, producerId }) => ({ kind, consumerId: (await media.consume(producerId)).consumerId })));

    const first = new Map<string, InboundCounters>();
    const last = new Map<string, InboundCounters>();
    let outbound: OutboundCounters = {};
    for (let second = 1; second <= PROBE_SECONDS; second++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const sample = await media.sample();
      for (const counters of sample.inbound) {
        // The first sample with packets starts the window: the path's setup is not a loss.
        if (!first.has(counters.consumerId) && counters.packetsReceived > 0) first.set(counters.consumerId, counters);
        last.set(counters.consumerId, counters);
      }
      outbound = sample.outbound;
      onProgress(second / PROBE_SECONDS);
    }

    const uplink = assessOutbound(outbound);
    const of = (kind: 'audio' | 'video') => received.find((stream) => stream.kind === kind)?.consumerId;
    const audioId = of('audio');
    const videoId = of('video');
    const counted = [...last.entries()].map(([id, counters]) => ({ counters, start: first.get(id) }));
    const packets = counted.reduce((sum, { counters, start }) => sum + counters.packetsReceived - (start?.packetsReceived ?? 0), 0);
    const lost = counted.reduce((sum, { counters, start }) => sum + Math.max(0, counters.packetsLost - (start?.packetsLost ?? 0)), 0);
    return {
      audio: audioId ? verdict(first.get(audioId), last.get(audioId), uplink) : 'failed',
      video: videoId ? verdict(first.get(videoId), last.get(videoId), uplink) : 'none',
      roundTripMs: outbound.roundTripTime === undefined ? undefined : Math.round(outbound.roundTripTime * 1000),
      lossPercent: packets + lost > 0 ? Math.round((1000 * lost) / (packets + lost)) / 10 : 0,
      uplinkKbps: outbound.availableOutgoingBitrate === undefined ? undefined : Math.round(outbound.availableOutgoingBitrate / 1000),
      path: outbound.path,
    };
  } finally {
    media.close();
    for (const track of copies) track.stop();
    await request(socket, 'probe:stop', {}).catch(() => undefined);
  }
}
