import { markRaw, ref, shallowRef } from 'vue';
import { problemFrom, type RoomProblem } from '../services/roomProblem';
import { captureCamera, type DeviceChoice } from './localMedia';
import type { MediaSession } from './mediaSession';

/** What the lobby captured and chose; a null stream enters as a viewer. */
export interface LocalCapture {
  stream: MediaStream | null;
  microphoneOn: boolean;
  devices: DeviceChoice;
}

/**
 * This person's own camera, microphone and shared screen in the room: what they send on the
 * media session `session()` returns, and whether each is on. What goes wrong is told to `notify`.
 */
export function useLocalMedia(session: () => MediaSession | null, notify: (problem: RoomProblem) => void) {
  const localStream = shallowRef<MediaStream | null>(null);
  const screenStream = shallowRef<MediaStream | null>(null);
  const microphoneOn = ref(false);
  const cameraOn = ref(false);
  let devices: DeviceChoice = {};

  /** The media session now: entering anew may replace it while the browser asks for a device. */
  function media(): MediaSession {
    const now = session();
    if (!now) throw new Error('not in a room');
    return now;
  }

  /** What is being sent now, to send again after entering anew. */
  function current(): LocalCapture {
    return { stream: localStream.value, microphoneOn: microphoneOn.value, devices };
  }

  /** Sends the capture on a new media session, and the screen if one is still shared from before. */
  async function sendOn(on: MediaSession, capture: LocalCapture): Promise<void> {
    devices = capture.devices;
    if (capture.stream) {
      localStream.value = markRaw(capture.stream);
      const [audio] = capture.stream.getAudioTracks();
      const [video] = capture.stream.getVideoTracks();
      if (audio) await on.publish(audio, 'microphone', !capture.microphoneOn);
      if (video) await on.publish(video, 'camera');
      microphoneOn.value = Boolean(audio) && capture.microphoneOn;
      cameraOn.value = Boolean(video);
    }
    const [screenTrack] = screenStream.value?.getVideoTracks() ?? [];
    if (screenTrack) await on.publish(screenTrack, 'screen');
  }

  async function stoppedByModerator(source: 'microphone' | 'camera' | 'screen'): Promise<void> {
    if (source === 'microphone') {
      microphoneOn.value = false;
      notify({ key: 'room.mutedByModerator' });
      // Paused here too: the microphone sent anew for a thin uplink starts as this page has it.
      await session()?.setPaused('microphone', true);
      return;
    }
    session()?.dropLocal(source);
    if (source === 'screen') {
      for (const track of screenStream.value?.getTracks() ?? []) track.stop();
      screenStream.value = null;
    }
    if (source === 'camera') {
      for (const track of localStream.value?.getVideoTracks() ?? []) {
        track.stop();
        localStream.value?.removeTrack(track);
      }
      cameraOn.value = false;
      notify({ key: 'room.cameraStoppedByModerator' });
    }
  }

  async function toggleMicrophone(): Promise<void> {
    if (!session()?.isPublishing('microphone')) return;
    const next = !microphoneOn.value;
    try {
      await media().setPaused('microphone', !next);
      microphoneOn.value = next;
    } catch (error) {
      notify(problemFrom(error));
    }
  }

  /** Turning the camera off releases it (its light goes out); turning it on captures it again. */
  async function toggleCamera(): Promise<void> {
    if (!session() || !localStream.value) return;
    try {
      if (cameraOn.value) {
        await media().unpublish('camera');
        for (const track of localStream.value.getVideoTracks()) {
          track.stop();
          localStream.value.removeTrack(track);
        }
        cameraOn.value = false;
      } else {
        const track = await captureCamera(devices);
        localStream.value.addTrack(track);
        await media().publish(track, 'camera');
        cameraOn.value = true;
      }
    } catch (error) {
      notify(problemFrom(error));
    }
  }

  /** Shares a screen or window on everyone's stage; the browser's own "stop sharing" ends it too. */
  async function shareScreen(): Promise<void> {
    if (!session() || screenStream.value) return;
    try {
      const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 10 } }, audio: false });
      const [track] = stream.getVideoTracks();
      if (!track) return;
      track.addEventListener('ended', () => void stopScreen());
      await media().publish(track, 'screen');
      screenStream.value = markRaw(stream);
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'NotAllowedError')) notify(problemFrom(error));
    }
  }

  async function stopScreen(): Promise<void> {
    const stream = screenStream.value;
    if (!stream) return;
    screenStream.value = null;
    for (const track of stream.getTracks()) track.stop();
    try {
      await session()?.unpublish('screen');
    } catch (error) {
      notify(problemFrom(error));
    }
  }

  /** Stops the camera, microphone and screen: their lights go out. */
  function release(): void {
    for (const track of screenStream.value?.getTracks() ?? []) track.stop();
    screenStream.value = null;
    for (const track of localStream.value?.getTracks() ?? []) track.stop();
    localStream.value = null;
    microphoneOn.value = false;
    cameraOn.value = false;
  }

  return { localStream, screenStream, microphoneOn, cameraOn, current, sendOn, stoppedByModerator, toggleMicrophone, toggleCamera, shareScreen, stopScreen, release };
}
