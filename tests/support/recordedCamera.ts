import { randomInt } from 'node:crypto';

/** VP8's RTP clock. */
const VIDEO_CLOCK = 90_000;
/** The recorded cameras' frame rate: the gap left before a loop restarted on request. */
const FRAME_RATE = 15;

/** One packet of a recorded layer: its RTP timestamp from the loop's first, its marker bit, its payload (VP8 descriptor and data). */
interface RecordedPacket {
  offset: number;
  /** Its VP8 picture ID and base-layer index (TL0PICIDX), counted from the loop's first. */
  picture: number;
  baseIndex: number;
  marker: boolean;
  payload: Buffer;
}

/** One simulcast layer of a camera as RTP: a keyframe and the frames after it, up to the next keyframe. */
export interface RecordedLayer {
  /** The picture size of its keyframe. */
  width: number;
  height: number;
  packets: RecordedPacket[];
  /** The RTP timestamps the loop spans, to the next keyframe: where the next loop's keyframe falls. */
  span: number;
}

/** A camera's simulcast layers, lowest first, recorded once from libwebrtc's VP8 encoder. */
export type CameraRecording = RecordedLayer[];

/** An RTP packet's payload: past its header, CSRCs and header extension, without padding. */
export function rtpPayload(packet: Buffer): Buffer {
  let start = 12 + 4 * (packet[0]! & 0x0f);
  if (packet[0]! & 0x10) start += 4 + 4 * packet.readUInt16BE(start + 2);
  const padding = packet[0]! & 0x20 ? packet[packet.length - 1]! : 0;
  return packet.subarray(start, packet.length - padding);
}

/**
 * Where a VP8 RTP payload's fields are (RFC 7741): its picture ID (7 or 15 bits), its base-layer
 * index, and where the VP8 data starts, past the payload descriptor.
 */
function vp8Layout(payload: Buffer): { pictureAt?: number; longPicture: boolean; baseIndexAt?: number; dataAt: number } {
  let at = 1;
  let pictureAt: number | undefined;
  let baseIndexAt: number | undefined;
  let longPicture = false;
  if (payload[0]! & 0x80) {
    const extension = payload[at++]!;
    if (extension & 0x80) {
      pictureAt = at;
      longPicture = (payload[at]! & 0x80) !== 0;
      at += longPicture ? 2 : 1;
    }
    if (extension & 0x40) baseIndexAt = at++;
    if (extension & 0x30) at += 1;
  }
  return { pictureAt, longPicture, baseIndexAt, dataAt: at };
}

const vp8DataStart = (payload: Buffer) => vp8Layout(payload).dataAt;

/** A payload's picture ID and base-layer index, as recorded (0 where it carries none). */
function vp8Numbers(payload: Buffer): { picture: number; baseIndex: number } {
  const { pictureAt, longPicture, baseIndexAt } = vp8Layout(payload);
  const picture = pictureAt === undefined ? 0 : longPicture ? payload.readUInt16BE(pictureAt) & 0x7fff : payload[pictureAt]! & 0x7f;
  return { picture, baseIndex: baseIndexAt === undefined ? 0 : payload[baseIndexAt]! };
}

/** A copy of a payload with its picture ID and base-layer index rewritten. */
function renumbered(payload: Buffer, picture: number, baseIndex: number): Buffer {
  const copy = Buffer.from(payload);
  const { pictureAt, longPicture, baseIndexAt } = vp8Layout(copy);
  if (pictureAt !== undefined) {
    if (longPicture) copy.writeUInt16BE(0x8000 | (picture & 0x7fff), pictureAt);
    else copy[pictureAt] = picture & 0x7f;
  }
  if (baseIndexAt !== undefined) copy[baseIndexAt] = baseIndex & 0xff;
  return copy;
}

/** Whether a VP8 RTP payload starts a keyframe: the first packet of a partition 0 whose frame tag says key. */
export function startsVp8Keyframe(payload: Buffer): boolean {
  if (!(payload[0]! & 0x10) || (payload[0]! & 0x07) !== 0) return false;
  const at = vp8DataStart(payload);
  return at < payload.length && (payload[at]! & 0x01) === 0;
}

/** A keyframe's picture size, from its header (RFC 6386 9.1): after the frame tag and start code. */
function keyframeSize(payload: Buffer): { width: number; height: number } {
  const at = vp8DataStart(payload) + 6;
  return { width: payload.readUInt16LE(at) & 0x3fff, height: payload.readUInt16LE(at + 2) & 0x3fff };
}

/**
 * Records one layer from decrypted RTP as it arrives: from a keyframe, and once it has
 * `minimumMs` of it, up to the start of the next keyframe. It asks for both (`askKeyframe`).
 */
export class LayerRecorder {
  private readonly packets: RecordedPacket[] = [];
  private first?: { timestamp: number; picture: number; baseIndex: number };
  private asked = false;
  private resolve?: (layer: RecordedLayer) => void;
  readonly done = new Promise<RecordedLayer>((resolve) => (this.resolve = resolve));

  constructor(
    private readonly minimumMs: number,
    private readonly askKeyframe: () => void,
  ) {
    askKeyframe();
  }

  add(packet: Buffer): void {
    const timestamp = packet.readUInt32BE(4);
    const payload = rtpPayload(packet);
    const keyframe = startsVp8Keyframe(payload);
    const numbers = vp8Numbers(payload);
    if (this.first === undefined) {
      if (!keyframe) return;
      this.first = { timestamp, ...numbers };
    }
    const offset = (timestamp - this.first.timestamp + 2 ** 32) % 2 ** 32;
    if (keyframe && offset > 0 && this.asked) {
      this.resolve?.({ ...keyframeSize(this.packets[0]!.payload), packets: this.packets.splice(0), span: offset });
      this.resolve = undefined;
      return;
    }
    if (!this.resolve) return;
    this.packets.push({
      offset,
      picture: (numbers.picture - this.first.picture + 0x8000) % 0x8000,
      baseIndex: (numbers.baseIndex - this.first.baseIndex + 0x100) % 0x100,
      marker: (packet[1]! & 0x80) !== 0,
      payload: Buffer.from(payload),
    });
    if (!this.asked && offset >= (this.minimumMs * VIDEO_CLOCK) / 1000) {
      this.asked = true;
      this.askKeyframe();
    }
  }
}

/** Between two RTCP sender reports of a layer. */
const REPORT_INTERVAL_MS = 500;
/** Seconds from NTP's epoch (1900) to Unix's. */
const NTP_EPOCH_OFFSET = 2_208_988_800;

/** Where a replayed camera's packets and reports go. */
export interface CameraOutput {
  rtp(header: { sequenceNumber: number; timestamp: number; ssrc: number; marker: boolean }, payload: Buffer): void;
  rtcp(compound: Buffer): void;
}

/** What a replayed layer sends next. */
interface LayerState {
  ssrc: number;
  packetsSent: number;
  octetsSent: number;
  sequence: number;
  /** The RTP timestamp, picture ID and base-layer index its loop started at, when, and how far into the loop it is. */
  base: number;
  pictureBase: number;
  baseIndexBase: number;
  startedAt: number;
  next: number;
}

/**
 * A camera replayed from a recording, as a light participant sends it: each layer at its
 * recorded pace, looping from its keyframe, with sequence numbers and timestamps running on.
 * A receiver's keyframe request (PLI or FIR, which the server passes on) restarts that layer's
 * loop, so its keyframe goes out at once, as libwebrtc's encoder would make one.
 */
export class ReplayedCamera {
  readonly layers: LayerState[];
  private readonly timers: NodeJS.Timeout[];

  constructor(
    private readonly recording: CameraRecording,
    private readonly output: CameraOutput,
  ) {
    const now = performance.now();
    this.layers = recording.map(() => ({
      ssrc: randomInt(1, 2 ** 32 - 1),
      packetsSent: 0,
      octetsSent: 0,
      sequence: randomInt(0, 2 ** 16),
      base: randomInt(0, 2 ** 32),
      pictureBase: randomInt(0, 0x8000),
      baseIndexBase: randomInt(0, 0x100),
      startedAt: now,
      next: 0,
    }));
    this.timers = [setInterval(() => this.catchUp(), 10), setInterval(() => this.report(), REPORT_INTERVAL_MS)];
  }

  /**
   * A sender report per layer: the RTP time of each against the same wall clock. The server needs
   * them to move a viewer from one layer to another (it aligns the layers' timestamps by them).
   */
  private report(): void {
    const now = performance.now();
    const wall = (performance.timeOrigin + now) / 1000 + NTP_EPOCH_OFFSET;
    for (const state of this.layers) {
      const report = Buffer.alloc(28);
      report.writeUInt8(0x80, 0);
      report.writeUInt8(200, 1);
      report.writeUInt16BE(6, 2);
      report.writeUInt32BE(state.ssrc, 4);
      report.writeUInt32BE(Math.floor(wall) >>> 0, 8);
      report.writeUInt32BE(Math.floor((wall % 1) * 2 ** 32) >>> 0, 12);
      report.writeUInt32BE((state.base + Math.floor(((now - state.startedAt) * VIDEO_CLOCK) / 1000)) >>> 0, 16);
      report.writeUInt32BE(state.packetsSent >>> 0, 20);
      report.writeUInt32BE(state.octetsSent >>> 0, 24);
      this.output.rtcp(report);
    }
  }

  private catchUp(): void {
    const now = performance.now();
    this.layers.forEach((state, n) => {
      const { packets, span } = this.recording[n]!;
      const due = ((now - state.startedAt) * VIDEO_CLOCK) / 1000;
      while (state.next < packets.length && packets[state.next]!.offset <= due) {
        const packet = packets[state.next++]!;
        this.output.rtp(
          { sequenceNumber: state.sequence++ & 0xffff, timestamp: (state.base + packet.offset) >>> 0, ssrc: state.ssrc, marker: packet.marker },
          renumbered(packet.payload, state.pictureBase + packet.picture, state.baseIndexBase + packet.baseIndex),
        );
        state.packetsSent += 1;
        state.octetsSent += packet.payload.length;
      }
      if (due >= span) this.restart(n, span, state.startedAt + (span * 1000) / VIDEO_CLOCK);
    });
  }

  /**
   * Starts a layer's loop again from its keyframe, `elapsed` RTP time after the last loop's start:
   * its timestamps, picture IDs and base-layer indexes run on past the last ones sent, as a
   * receiver takes them for newer frames only if they do.
   */
  private restart(layer: number, elapsed: number, at: number): void {
    const state = this.layers[layer]!;
    const last = this.recording[layer]!.packets[Math.max(0, state.next - 1)]!;
    state.base = (state.base + elapsed) >>> 0;
    state.pictureBase = (state.pictureBase + last.picture + 1) & 0x7fff;
    state.baseIndexBase = (state.baseIndexBase + last.baseIndex + 1) & 0xff;
    state.startedAt = at;
    state.next = 0;
  }

  /** Handles the RTCP the server sends this camera: a keyframe request for one of its layers restarts it now. */
  rtcp(compound: Buffer): void {
    for (let at = 0; at + 12 <= compound.length; at += 4 * (compound.readUInt16BE(at + 2) + 1)) {
      const type = compound[at + 1];
      const format = compound[at]! & 0x1f;
      const requested =
        type === 206 && format === 1 ? compound.readUInt32BE(at + 8) : type === 206 && format === 4 && at + 16 <= compound.length ? compound.readUInt32BE(at + 12) : undefined;
      const layer = this.layers.findIndex((state) => state.ssrc === requested);
      if (layer < 0) continue;
      const { next } = this.layers[layer]!;
      // The next loop's first frame follows the last sent, a frame interval later.
      const sent = next > 0 ? this.recording[layer]!.packets[next - 1]!.offset : 0;
      this.restart(layer, sent + VIDEO_CLOCK / FRAME_RATE, performance.now());
    }
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
  }
}
