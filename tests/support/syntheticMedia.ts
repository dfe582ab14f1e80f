import wrtc from '@roamhq/wrtc';
import type { VideoFormat } from './participantPlan';

const { RTCAudioSource, RTCVideoSource } = wrtc.nonstandard;

const SAMPLE_RATE = 48_000;
/** libwebrtc takes audio in 10 ms frames. */
const AUDIO_FRAME = SAMPLE_RATE / 100;
const AUDIO_FRAME_MS = 10;

/**
 * What headless participants send: a tone for a microphone and a moving bar for a camera or a
 * screen, pushed into libwebrtc's sources on one clock for the whole process, so that fifty
 * participants cost fifty frames per tick rather than fifty timers. The picture moves, so the
 * encoder spends bits on it as on a real camera.
 */
export class SyntheticMedia {
  private readonly microphones = new Set<InstanceType<typeof RTCAudioSource>>();
  private readonly cameras = new Map<InstanceType<typeof RTCVideoSource>, VideoFormat & { frame: Uint8Array; sent: number; bar: number }>();
  private readonly tone = new Int16Array(AUDIO_FRAME);
  private readonly started = performance.now();
  private audioFrames = 0;
  private readonly timer: NodeJS.Timeout;

  constructor() {
    for (let n = 0; n < AUDIO_FRAME; n++) this.tone[n] = Math.round(6000 * Math.sin((2 * Math.PI * 440 * n) / SAMPLE_RATE));
    this.timer = setInterval(() => this.tick(), AUDIO_FRAME_MS);
  }

  microphone(): MediaStreamTrack {
    const source = new RTCAudioSource();
    this.microphones.add(source);
    return source.createTrack();
  }

  camera(format: VideoFormat): MediaStreamTrack {
    const source = new RTCVideoSource();
    // I420: a luma plane and two quarter-size chroma planes, grey to start with.
    const frame = new Uint8Array((format.width * format.height * 3) / 2).fill(128);
    this.cameras.set(source, { ...format, frame, sent: 0, bar: 0 });
    return source.createTrack();
  }

  /** Catches up by elapsed time, as timers in a busy process fire late. */
  private tick(): void {
    const elapsed = performance.now() - this.started;
    const dueAudio = Math.floor(elapsed / AUDIO_FRAME_MS);
    for (; this.audioFrames < dueAudio; this.audioFrames++) {
      for (const source of this.microphones) {
        source.onData({ samples: this.tone, sampleRate: SAMPLE_RATE, bitsPerSample: 16, channelCount: 1, numberOfFrames: AUDIO_FRAME });
      }
    }
    for (const [source, camera] of this.cameras) {
      const due = Math.floor((elapsed * camera.fps) / 1000);
      if (camera.sent >= due) continue;
      camera.sent = due;
      this.drawBar(camera, camera.bar, () => 128);
      camera.bar = (due * 4) % (camera.width - 8);
      this.drawBar(camera, camera.bar, (row) => (row % 16 < 8 ? 40 : 220));
      source.onFrame({ width: camera.width, height: camera.height, data: camera.frame });
    }
  }

  private drawBar(camera: VideoFormat & { frame: Uint8Array }, x: number, luma: (row: number) => number): void {
    for (let row = 0; row < camera.height; row++) camera.frame.fill(luma(row), row * camera.width + x, row * camera.width + x + 8);
  }

  close(): void {
    clearInterval(this.timer);
    this.microphones.clear();
    this.cameras.clear();
  }
}
