import { randomBytes, randomInt } from 'node:crypto';
import type { RtpCapabilities } from 'mediasoup-client/types';
import { consumerResumes } from '../../client/services/consumerResumes';
import { request } from '../../client/services/request';
import type { ConsumerOptions, MediaKind, MediaSource, ProducerAdded, TransportOptions } from '../../shared/media';
import { noCounts, untilAudioArrives, type ParticipantPlan, type ReceivedByKind } from './participantPlan';
import { LightTransport } from './lightTransport';
import { LayerRecorder, ReplayedCamera, type CameraRecording, type RecordedLayer } from './recordedCamera';
import { connect, type TestSocket } from './socketClient';

const AUDIO_LEVEL_URI = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level';
/** Opus in 20 ms frames, as browsers send speech: 50 packets a second, ~120 bytes each. */
const FRAME_MS = 20;
const OPUS_FRAME_BYTES = 120;
/** RFC 6464: voice present, at -30 dBov (someone speaking), so the room's speaker detection hears it. */
const SPEAKING_LEVEL = 0x80 | 30;

/**
 * What a light participant says it can receive: the router's own codecs and header extensions,
 * without transport-wide congestion control and REMB, which it would have to answer with feedback
 * it does not send. The server then forwards each stream at the layer asked for.
 */
function receiveCapabilities(router: RtpCapabilities): RtpCapabilities {
  const estimates = (type: string) => type === 'transport-cc' || type === 'goog-remb';
  return {
    codecs: router.codecs?.map((codec) => ({ ...codec, rtcpFeedback: codec.rtcpFeedback?.filter((feedback) => !estimates(feedback.type)) })),
    headerExtensions: router.headerExtensions?.filter((extension) => !extension.uri.includes('transport-wide-cc') && !extension.uri.includes('abs-send-time')),
  };
}

/** A speaking participant's microphone: Opus-sized packets at Opus's pace, caught up by elapsed time. */
class Microphone {
  private readonly ssrc = randomInt(1, 2 ** 32 - 1);
  private readonly payload = Buffer.concat([Buffer.from([0xf8]), randomBytes(OPUS_FRAME_BYTES - 1)]);
  private readonly started = performance.now();
  private sent = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly transport: LightTransport,
    readonly payloadType: number,
    private readonly levelId: number,
  ) {
    this.timer = setInterval(() => this.catchUp(), FRAME_MS);
  }

  get rtpParameters() {
    return {
      codecs: [{ mimeType: 'audio/opus', payloadType: this.payloadType, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1, usedtx: 1 } }],
      headerExtensions: [{ uri: AUDIO_LEVEL_URI, id: this.levelId }],
      encodings: [{ ssrc: this.ssrc }],
      rtcp: { cname: `light-${this.ssrc}` },
    };
  }

  private catchUp(): void {
    const due = Math.floor((performance.now() - this.started) / FRAME_MS);
    for (; this.sent < due; this.sent++) {
      this.transport.sendRtp(
        {
          payloadType: this.payloadType,
          sequenceNumber: this.sent & 0xffff,
          timestamp: (this.sent * 960) >>> 0,
          ssrc: this.ssrc,
          extensions: [{ id: this.levelId, payload: Buffer.from([SPEAKING_LEVEL]) }],
        },
        this.payload,
      );
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/**
 * A participant as light as one can be while the server does for it what it does for a browser:
 * it signs in, enters the room through the app's Socket.IO signalling, connects real WebRTC
 * transports (ICE, DTLS, SRTP: `LightTransport`), and receives every microphone, the cameras its
 * tiles would show at their layer and the shared screen, counting the packets of each stream
 * without decrypting or decoding them. If it speaks, it sends an Opus-paced microphone; if it has
 * a camera, it replays a recorded one. It sends no RTCP feedback (receiver reports, NACKs,
 * congestion control), so the server has none of a browser's to handle. The capacity bench fills a
 * room with these around a few `HeadlessParticipant`s (real libwebrtc, which show the video and
 * count its freezes), which on a 2-core machine cannot number fifty.
 */
export class LightParticipant {
  private recv?: LightTransport;
  private send?: LightTransport;
  private microphone?: Microphone;
  private camera?: ReplayedCamera;
  private capabilities?: RtpCapabilities;
  private watchedCameras = 0;
  /** The streams it receives: their SSRC, kind and source. */
  private readonly streams = new Map<string, { ssrc: number; kind: MediaKind; source: MediaSource }>();
  /** How long entering took: from the join request to the first remote audio packet, in ms. */
  joinMs = Number.NaN;
  /** Resumes what it receives, those ready in the same moment in one request. */
  private readonly resume: (consumerId: string) => Promise<void>;

  private constructor(
    private readonly socket: TestSocket,
    private readonly plan: ParticipantPlan,
    private readonly recording?: CameraRecording,
  ) {
    this.resume = consumerResumes(socket);
  }

  /** Enters the session's room; a camera in its plan is replayed from `recording`. */
  static async enter(url: string, cookie: string, sessionId: string, plan: ParticipantPlan, recording?: CameraRecording): Promise<LightParticipant> {
    if (plan.screen || (plan.camera && !recording)) throw new Error('a light participant sends video only from a recorded camera');
    const socket = await connect(url, cookie);
    const participant = new LightParticipant(socket, plan, recording);
    try {
      await participant.join(sessionId);
    } catch (error) {
      await participant.leave();
      throw error;
    }
    return participant;
  }

  private async join(sessionId: string): Promise<void> {
    const { routerRtpCapabilities } = await request(this.socket, 'media:capabilities', {});
    this.capabilities = receiveCapabilities(routerRtpCapabilities);
    const started = performance.now();
    this.socket.on('room:producerAdded', (producer) => void this.receive(producer).catch(() => undefined));
    this.socket.on('media:consumerClosed', ({ consumerId }) => this.streams.delete(consumerId));
    const joined = await request(this.socket, 'room:join', { sessionId, media: { rtpCapabilities: this.capabilities, send: true } });
    if (joined.status !== 'joined' || !joined.media) throw new Error(`not let into the room: ${joined.status}`);
    const { recv, send } = joined.media.transports;
    this.recv = await this.open(recv);
    await Promise.all(joined.media.consumers.map((options) => this.accept(options)));
    if (this.plan.microphone ?? true) await this.speak(send, routerRtpCapabilities);
    if (this.recording && this.plan.camera) await this.show(send, routerRtpCapabilities, this.recording);
    if (joined.media.consumers.some((consumer) => consumer.kind === 'audio')) await untilAudioArrives(() => this.received());
    this.joinMs = performance.now() - started;
  }

  private open(options: TransportOptions): Promise<LightTransport> {
    return LightTransport.open(options, async (dtlsParameters) => {
      await request(this.socket, 'media:connectTransport', { transportId: options.id, dtlsParameters });
    });
  }

  /** The send transport, connected the first time something is sent, as mediasoup-client does. */
  private async sending(options: TransportOptions | null): Promise<LightTransport> {
    if (!options) throw new Error('the server gave no send transport');
    this.send ??= await this.open(options);
    return this.send;
  }

  private async speak(options: TransportOptions | null, router: RtpCapabilities): Promise<void> {
    const opus = router.codecs?.find((codec) => codec.mimeType.toLowerCase() === 'audio/opus');
    const level = router.headerExtensions?.find((extension) => extension.kind === 'audio' && extension.uri === AUDIO_LEVEL_URI);
    if (opus?.preferredPayloadType === undefined || !level) throw new Error('the room offers no Opus with audio levels');
    const transport = await this.sending(options);
    this.microphone = new Microphone(transport, opus.preferredPayloadType, level.preferredId);
    await request(this.socket, 'media:produce', { transportId: transport.id, kind: 'audio', rtpParameters: this.microphone.rtpParameters, source: 'microphone' });
  }

  /** Sends a camera replayed from a recording in its simulcast layers, answering the server's keyframe requests. */
  private async show(options: TransportOptions | null, router: RtpCapabilities, recording: CameraRecording): Promise<void> {
    const payloadType = router.codecs?.find((codec) => codec.mimeType.toLowerCase() === 'video/vp8')?.preferredPayloadType;
    if (payloadType === undefined) throw new Error('the room offers no VP8');
    const transport = await this.sending(options);
    const camera = new ReplayedCamera(recording, {
      rtp: (header, payload) => transport.sendRtp({ ...header, payloadType, extensions: [] }, payload),
      rtcp: (compound) => transport.sendRtcp(compound),
    });
    this.camera = camera;
    transport.read({ rtcp: (compound) => camera.rtcp(compound) });
    const rtpParameters = {
      codecs: [{ mimeType: 'video/VP8', payloadType, clockRate: 90000, rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }] }],
      headerExtensions: [],
      encodings: camera.layers.map(({ ssrc }) => ({ ssrc, scalabilityMode: 'L1T3' })),
      rtcp: { cname: `light-camera-${camera.layers[0]!.ssrc}` },
    };
    await request(this.socket, 'media:produce', { transportId: transport.id, kind: 'video', rtpParameters, source: 'camera' });
  }

  /**
   * Records the camera it watches (at its plan's layer) as it arrives, decrypted: from a keyframe,
   * `minimumMs` of it, then up to the next keyframe, which it asks the sender for (PLI).
   */
  recordCamera(minimumMs: number): Promise<RecordedLayer> {
    const recv = this.recv;
    const watched = [...this.streams.values()].find((stream) => stream.source === 'camera');
    if (!recv || !watched) throw new Error('no camera to record');
    const pli = Buffer.alloc(12);
    pli.writeUInt8(0x81, 0);
    pli.writeUInt8(206, 1);
    pli.writeUInt16BE(2, 2);
    pli.writeUInt32BE(watched.ssrc, 8);
    const recorder = new LayerRecorder(minimumMs, () => recv.sendRtcp(pli));
    recv.read({ rtp: (packet) => packet.readUInt32BE(8) === watched.ssrc && recorder.add(packet) });
    return recorder.done;
  }

  /** Takes the consumer the server offered with the news, as the page does, or asks for one. */
  private async receive({ producerId, consumer }: ProducerAdded): Promise<void> {
    if (!this.recv || !this.capabilities) return;
    await this.accept(consumer ?? (await request(this.socket, 'media:consume', { transportId: this.recv.id, producerId, rtpCapabilities: this.capabilities })));
  }

  /** Resumes a consumer the server made (paused) if a tile or the speaker would play it, as a page does. */
  private async accept(options: ConsumerOptions): Promise<void> {
    const ssrc = options.rtpParameters.encodings?.[0]?.ssrc;
    if (ssrc === undefined) return;
    this.streams.set(options.consumerId, { ssrc, kind: options.kind, source: options.source });
    const isCamera = options.source === 'camera';
    if (isCamera && this.watchedCameras >= this.plan.watchedCameras) return;
    if (isCamera) this.watchedCameras += 1;
    if (options.paused) await this.resume(options.consumerId);
    if (isCamera) await request(this.socket, 'media:setConsumerLayers', { consumerId: options.consumerId, spatialLayer: this.plan.cameraLayer });
  }

  /** What has arrived so far, by kind (no frames: it decodes nothing). */
  received(): ReceivedByKind {
    const counts: ReceivedByKind = { audio: noCounts(), video: noCounts(), shown: { frames: 0, freezes: 0 } };
    for (const { ssrc, kind } of this.streams.values()) {
      const { packetsReceived, packetsLost } = this.recv?.received(ssrc) ?? { packetsReceived: 0, packetsLost: 0 };
      if (packetsReceived === 0) continue;
      counts[kind].streams += 1;
      counts[kind].packetsReceived += packetsReceived;
      counts[kind].packetsLost += packetsLost;
    }
    return counts;
  }

  /** Leaves as the page's button does (the leave recorded before it answers), then closes its transports. */
  async leave(): Promise<void> {
    if (this.socket.connected) await request(this.socket, 'room:leave', {}).catch(() => undefined);
    this.microphone?.stop();
    this.camera?.stop();
    this.send?.close();
    this.recv?.close();
    this.socket.disconnect();
  }
}
