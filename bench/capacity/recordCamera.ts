import { setTimeout as sleep } from 'node:timers/promises';
import { LightParticipant } from '../../tests/support/lightParticipant';
import type { CameraRecording } from '../../tests/support/recordedCamera';

/** Long enough for libwebrtc's estimate of the link to let all three layers through. */
const RAMP_UP_MS = 6000;
/** Each layer's loop: at least this long, to its next keyframe. */
const LOOP_MS = 2000;

/**
 * Records, through the app, the camera a libwebrtc participant sends into `sessionId` in the app's
 * simulcast layers: three light participants, each watching one layer, record what the server
 * forwards them. Light participants then send cameras replayed from it.
 */
export async function recordCamera(url: string, sessionId: string, cookies: string[]): Promise<CameraRecording> {
  if (cookies.length < 3) throw new Error('recording a camera takes three accounts');
  const recorders: LightParticipant[] = [];
  try {
    for (const [layer, cookie] of cookies.slice(0, 3).entries()) {
      recorders.push(await LightParticipant.enter(url, cookie, sessionId, { microphone: false, watchedCameras: 1, cameraLayer: layer }));
    }
    await sleep(RAMP_UP_MS);
    const layers = await Promise.all(recorders.map((recorder) => recorder.recordCamera(LOOP_MS)));
    // A layer the encoder does not send (libwebrtc sends fewer for a small picture) reaches its watcher as the one below.
    return layers.filter((layer, n) => n === 0 || layer.width > layers[n - 1]!.width);
  } finally {
    await Promise.all(recorders.map((recorder) => recorder.leave()));
  }
}
