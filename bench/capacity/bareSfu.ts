/**
 * The SFU alone, as the ceiling the app is compared with: one worker, one producer fed from a local
 * socket with a microphone's Opus-sized RTP or with a camera's layer replayed from a recording
 * (the packets the app forwards, keyframes on request), forwarded to N plain consumers (SRTP, like
 * a WebRTC consumer's; a camera's with NACK, like the app's) that send to local UDP sinks counting
 * every packet. No signalling, no app. As the ceiling, a hundred consumers share a transport and
 * four sockets count everything; laid out as a session's participants, each transport carries
 * what one participant receives and sends it to a socket of its own.
 */
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PlainTransport, Producer, Router, Worker } from 'mediasoup/types';
import { mediaCodecs } from '../../server/media/mediaSettings';
import { ReplayedCamera, type RecordedLayer } from '../../tests/support/recordedCamera';
import { cameraRtpParameters, microphoneRtpParameters } from '../../tests/support/rtp';

/** Opus at 20 ms frames: 50 packets a second of ~120 bytes of payload, as a speaking participant sends. */
const PACKETS_PER_SECOND = 50;
const PAYLOAD_BYTES = 120;
const SSRC = 11_111_111;
const CAMERA_SSRC = 22_222_222;
const VP8_PAYLOAD_TYPE = 101;
/** How the consumers are laid out: how many share a transport, and whether each transport sends to a socket of its own (said in `described`). */
export interface BareShape {
  consumersPerTransport: number;
  sinkPerTransport: boolean;
  described: string;
}

/** The ceiling: many consumers to a transport, four sockets counting everything, as cheap as forwarding gets. */
export const CEILING: BareShape = { consumersPerTransport: 100, sinkPerTransport: false, described: 'UDP sinks counting' };
const SHARED_SINKS = 4;
/** How long the sinks and the worker take to empty their queues after the sender stops. */
const DRAIN_MS = 1500;

/** What the one producer sends: a microphone, or one layer of a recorded camera. */
export type BareSource = { kind: 'audio' } | { kind: 'video'; layer: RecordedLayer };

export interface BareStep {
  consumers: number;
  /** Packets the sinks received per second, and the share of what the worker should have sent that never arrived. */
  deliveredPerSecond: number;
  loss: number;
  /** The worker's CPU time over the window, as a share of one core. */
  workerCore: number;
  /** Worker CPU per forwarded packet, in microseconds. */
  microsPerPacket: number;
  /** Of that, the part spent in the kernel (sending each packet to its socket). */
  kernelMicrosPerPacket: number;
}

/** Sends RTP to the producer's transport while running, so that each step counts what was sent and what arrived over the same packets. */
interface Sender {
  /** Packets it sends a second. */
  readonly pace: number;
  run(): void;
  pause(): void;
  close(): void;
}

/** A microphone at the Opus pace (catching up by elapsed time). */
class MicrophoneSender implements Sender {
  readonly pace = PACKETS_PER_SECOND;
  private readonly socket: Socket = createSocket('udp4');
  private readonly packet = Buffer.alloc(12 + PAYLOAD_BYTES);
  private sequence = 0;
  private timer?: NodeJS.Timeout;

  constructor(private readonly port: number) {}

  run(): void {
    const started = performance.now();
    let sent = 0;
    this.timer = setInterval(() => {
      const due = Math.floor(((performance.now() - started) * PACKETS_PER_SECOND) / 1000);
      for (; sent < due; sent++) this.send();
    }, 5);
  }

  private send(): void {
    const { packet } = this;
    packet[0] = 0x80;
    packet[1] = 111;
    packet.writeUInt16BE(this.sequence & 0xffff, 2);
    packet.writeUInt32BE((this.sequence * 960) >>> 0, 4);
    packet.writeUInt32BE(SSRC, 8);
    randomBytes(PAYLOAD_BYTES).copy(packet, 12);
    this.sequence += 1;
    this.socket.send(packet, this.port, '127.0.0.1');
  }

  pause(): void {
    clearInterval(this.timer);
  }

  close(): void {
    this.pause();
    this.socket.close();
  }
}

/**
 * A camera's layer replayed from its recording, a loop from its keyframe each time it runs, its
 * sequence numbers running on; the producer's keyframe requests (for a new consumer) restart it.
 */
class CameraSender implements Sender {
  readonly pace: number;
  private readonly socket: Socket = createSocket('udp4');
  private camera?: ReplayedCamera;
  private sequence = 0;

  constructor(
    private readonly port: number,
    private readonly layer: RecordedLayer,
  ) {
    this.pace = (layer.packets.length * 90_000) / layer.span;
    this.socket.on('message', (packet) => this.camera?.rtcp(packet));
  }

  run(): void {
    const send = (packet: Buffer) => this.socket.send(packet, this.port, '127.0.0.1');
    this.camera = new ReplayedCamera([this.layer], {
      rtp: ({ sequenceNumber, timestamp, ssrc, marker }, payload) => {
        const header = Buffer.alloc(12);
        header[0] = 0x80;
        header[1] = (marker ? 0x80 : 0) | VP8_PAYLOAD_TYPE;
        header.writeUInt16BE(sequenceNumber, 2);
        header.writeUInt32BE(timestamp, 4);
        header.writeUInt32BE(ssrc, 8);
        send(Buffer.concat([header, payload]));
      },
      rtcp: send,
    });
    // Its timers send nothing before this turn ends: the producer's SSRC, and the sequence where the last run stopped.
    Object.assign(this.camera.layers[0]!, { ssrc: CAMERA_SSRC, sequence: this.sequence });
  }

  pause(): void {
    this.camera?.stop();
    this.sequence = this.camera?.layers[0]!.sequence ?? this.sequence;
  }

  close(): void {
    this.pause();
    this.socket.close();
  }
}

/** The worker's CPU time so far (ms): all of it, and the part in the kernel. */
async function cpuMs(worker: Worker): Promise<{ total: number; kernel: number }> {
  const usage = await worker.getResourceUsage();
  return { total: usage.ru_utime + usage.ru_stime, kernel: usage.ru_stime };
}

async function producerPackets(producer: Producer): Promise<number> {
  const stats = await producer.getStats();
  return stats.reduce((sum, stat) => sum + stat.packetCount, 0);
}

/** A UDP socket on loopback that takes a burst without dropping. */
async function sink(): Promise<Socket> {
  const socket = createSocket({ type: 'udp4', recvBufferSize: 8 * 2 ** 20 });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return socket;
}

/**
 * Steps the number of consumers up the ladder, laid out as `shape` says, holding each `holdMs`,
 * until the sinks miss 1 % or more of what should have arrived, or the worker uses a whole core.
 */
export async function measureBareSfu(
  worker: Worker,
  source: BareSource,
  ladder: number[],
  holdMs: number,
  shape: BareShape = CEILING,
): Promise<{ steps: BareStep[]; pace: number }> {
  const router: Router = await worker.createRouter({ mediaCodecs });
  const input = await router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true, comedia: true });
  const producer =
    source.kind === 'audio'
      ? await input.produce({ kind: 'audio', rtpParameters: microphoneRtpParameters(SSRC) })
      : await input.produce({ kind: 'video', rtpParameters: cameraRtpParameters(CAMERA_SSRC) });
  const sender: Sender = source.kind === 'audio' ? new MicrophoneSender(input.tuple.localPort) : new CameraSender(input.tuple.localPort, source.layer);
  let received = 0;
  // RTP only: the consumers' RTCP (sender reports) arrives on the same port.
  const isRtcp = (packet: Buffer) => packet.length > 1 && packet[1]! >= 192 && packet[1]! <= 223;
  const sinks: Socket[] = [];
  const addSink = async () => {
    const socket = await sink();
    socket.on('message', (packet) => (received += isRtcp(packet) ? 0 : 1));
    sinks.push(socket);
    return socket;
  };
  if (!shape.sinkPerTransport) for (let n = 0; n < SHARED_SINKS; n++) await addSink();
  const outputs: PlainTransport[] = [];
  const steps: BareStep[] = [];
  try {
    let consumers = 0;
    for (const target of ladder) {
      while (consumers < target) {
        const output = await router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true, enableSrtp: true });
        const destination = shape.sinkPerTransport ? await addSink() : sinks[outputs.length % SHARED_SINKS]!;
        await output.connect({
          ip: '127.0.0.1',
          port: destination.address().port,
          srtpParameters: { cryptoSuite: 'AES_CM_128_HMAC_SHA1_80', keyBase64: randomBytes(30).toString('base64') },
        });
        outputs.push(output);
        for (let n = 0; n < shape.consumersPerTransport && consumers < target; n++, consumers += 1) {
          await output.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
        }
      }
      // Quiet, then the step's packets alone: what the worker should have sent is what arrived, once drained.
      await sleep(DRAIN_MS);
      const before = { received, produced: await producerPackets(producer), cpu: await cpuMs(worker), at: performance.now() };
      sender.run();
      await sleep(holdMs);
      sender.pause();
      const stopped = { cpu: await cpuMs(worker), at: performance.now() };
      await sleep(DRAIN_MS);
      const after = { received, produced: await producerPackets(producer), ...stopped };
      const seconds = (after.at - before.at) / 1000;
      const expected = (after.produced - before.produced) * consumers;
      const delivered = after.received - before.received;
      const step: BareStep = {
        consumers,
        deliveredPerSecond: delivered / seconds,
        loss: expected > 0 ? Math.max(0, 1 - delivered / expected) : 1,
        workerCore: (after.cpu.total - before.cpu.total) / (seconds * 1000),
        microsPerPacket: delivered > 0 ? ((after.cpu.total - before.cpu.total) * 1000) / delivered : Number.NaN,
        kernelMicrosPerPacket: delivered > 0 ? ((after.cpu.kernel - before.cpu.kernel) * 1000) / delivered : Number.NaN,
      };
      steps.push(step);
      // Past the worker's limit, or past what this process can send and count (on a small machine, before the worker's).
      if (step.loss >= 0.01 || step.workerCore >= 0.95 || step.deliveredPerSecond < 0.9 * consumers * sender.pace) break;
    }
  } finally {
    sender.close();
    for (const sink of sinks) sink.close();
    router.close();
  }
  return { steps, pace: sender.pace };
}
