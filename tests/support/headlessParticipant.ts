import wrtc from '@roamhq/wrtc';
import { Device } from 'mediasoup-client';
import type { Consumer, Producer, Transport } from 'mediasoup-client/types';
import { SENDING } from '../../client/media/sending';
import { consumerResumes } from '../../client/services/consumerResumes';
import { request } from '../../client/services/request';
import type { ConsumerOptions, MediaSource, ProducerAdded, TransportOptions } from '../../shared/media';
import { connect, type TestSocket } from './socketClient';
import { noCounts, untilAudioArrives, type ParticipantPlan, type ReceivedByKind, type ShownVideo } from './participantPlan';
import type { SyntheticMedia } from './syntheticMedia';

// mediasoup-client's Chrome handler makes its peer connections and streams from a browser's globals:
// libwebrtc's own, through @roamhq/wrtc.
Object.assign(globalThis, {
  RTCPeerConnection: wrtc.RTCPeerConnection,
  RTCSessionDescription: wrtc.RTCSessionDescription,
  RTCIceCandidate: wrtc.RTCIceCandidate,
  MediaStream: wrtc.MediaStream,
  MediaStreamTrack: wrtc.MediaStreamTrack,
});

/**
 * Counts a video track's frames as a tile would show them, and its freezes as WebRTC's statistics
 * define them (a frame later than the larger of three mean frame intervals and the mean plus
 * 150 ms): libwebrtc computes freezeCount only where frames are rendered, which a sink is here.
 */
class TileSink {
  private readonly sink: InstanceType<typeof wrtc.nonstandard.RTCVideoSink>;
  private last = 0;
  private intervals = 0;
  private meanInterval = 0;

  constructor(track: MediaStreamTrack, shown: ShownVideo) {
    this.sink = new wrtc.nonstandard.RTCVideoSink(track);
    this.sink.onframe = () => {
      const now = performance.now();
      if (this.last) {
        const interval = now - this.last;
        // The first frames set the pace before any can be late.
        if (this.intervals >= 15 && interval > Math.max(3 * this.meanInterval, this.meanInterval + 150)) shown.freezes += 1;
        this.intervals += 1;
        this.meanInterval += (interval - this.meanInterval) / this.intervals;
      }
      this.last = now;
      shown.frames += 1;
    };
  }

  stop(): void {
    this.sink.stop();
  }
}

/**
 * A participant without a browser: it enters a session's room through the app's own Socket.IO
 * signalling, with the signed-in cookie of a real account, and runs real WebRTC (libwebrtc)
 * through mediasoup-client, sending a synthetic microphone (and camera or screen) and receiving what
 * a page receives: every microphone, the cameras its tiles show, the shared screen.
 */
export class HeadlessParticipant {
  private readonly device = new Device({ handlerName: 'Chrome111' });
  private recv?: Transport;
  private send?: Transport;
  private readonly producers: Producer[] = [];
  private readonly consumers = new Map<string, Consumer>();
  private readonly watched = new Map<string, TileSink>();
  /** The consumers among them that are cameras: the tiles its plan counts (the screen is not one). */
  private readonly cameraTiles = new Set<string>();
  private readonly shown: ShownVideo = { frames: 0, freezes: 0 };
  /** How long entering took: from the join request to the first remote audio packet, in ms. */
  joinMs = Number.NaN;
  /** Resumes what it receives, those ready in the same moment in one request. */
  private readonly resume: (consumerId: string) => Promise<void>;

  private constructor(
    private readonly socket: TestSocket,
    private readonly media: SyntheticMedia,
    private readonly plan: ParticipantPlan,
  ) {
    this.resume = consumerResumes(socket);
  }

  static async enter(url: string, cookie: string, sessionId: string, media: SyntheticMedia, plan: ParticipantPlan): Promise<HeadlessParticipant> {
    const socket = await connect(url, cookie);
    const participant = new HeadlessParticipant(socket, media, plan);
    try {
      await participant.join(sessionId);
    } catch (error) {
      socket.disconnect();
      throw error;
    }
    return participant;
  }

  private async join(sessionId: string): Promise<void> {
    const { routerRtpCapabilities } = await request(this.socket, 'media:capabilities', {});
    await this.device.load({ routerRtpCapabilities });
    const started = performance.now();
    this.socket.on('room:producerAdded', (producer) => void this.receive(producer).catch(() => undefined));
    this.socket.on('media:consumerClosed', ({ consumerId }) => this.consumers.get(consumerId)?.close());
    this.socket.on('media:producerDemand', ({ producerId, spatialLayer }) => {
      const producer = this.producers.find((candidate) => candidate.id === producerId);
      if (producer && !producer.closed) void producer.setMaxSpatialLayer(spatialLayer ?? -1).catch(() => undefined);
    });
    const joined = await request(this.socket, 'room:join', { sessionId, media: { rtpCapabilities: this.device.rtpCapabilities, send: true } });
    if (joined.status !== 'joined' || !joined.media) throw new Error(`not let into the room: ${joined.status}`);
    this.recv = this.transport('recv', joined.media.transports.recv);
    this.send = joined.media.transports.send ? this.transport('send', joined.media.transports.send) : undefined;
    await Promise.all(joined.media.consumers.map((options) => this.accept(options)));
    if (this.plan.microphone ?? true) await this.publish(this.media.microphone(), 'microphone');
    if (this.plan.camera) await this.publish(this.media.camera(this.plan.camera), 'camera');
    if (this.plan.screen) await this.publish(this.media.camera(this.plan.screen), 'screen');
    if (joined.media.consumers.some((consumer) => consumer.kind === 'audio')) await untilAudioArrives(() => this.received());
    this.joinMs = performance.now() - started;
  }

  private async publish(track: MediaStreamTrack, source: MediaSource): Promise<void> {
    if (!this.send) throw new Error('the server gave no send transport');
    // As the page sends it: its layers, priorities and codec options (Opus DTX and FEC among them).
    this.producers.push(await this.send.produce({ track, appData: { source }, stopTracks: true, ...SENDING[source] }));
  }

  /** Takes the consumer the server offered with the news, as the page does, or asks for one. */
  private async receive({ producerId, consumer }: ProducerAdded): Promise<void> {
    if (!this.recv) return;
    await this.accept(consumer ?? (await request(this.socket, 'media:consume', { transportId: this.recv.id, producerId, rtpCapabilities: this.device.rtpCapabilities })));
  }

  /** Takes a consumer the server made (paused) and resumes it if a tile or the speaker would play it. */
  private async accept(options: ConsumerOptions): Promise<void> {
    if (!this.recv) return;
    const consumer = await this.recv.consume({ id: options.consumerId, producerId: options.producerId, kind: options.kind, rtpParameters: options.rtpParameters });
    this.consumers.set(consumer.id, consumer);
    consumer.observer.once('close', () => {
      this.consumers.delete(consumer.id);
      this.watched.get(consumer.id)?.stop();
      this.watched.delete(consumer.id);
      this.cameraTiles.delete(consumer.id);
    });
    const isCamera = options.source === 'camera';
    if (isCamera && this.cameraTiles.size >= this.plan.watchedCameras) return;
    if (isCamera) this.cameraTiles.add(consumer.id);
    if (options.kind === 'video') this.watched.set(consumer.id, new TileSink(consumer.track, this.shown));
    if (options.paused) await this.resume(consumer.id);
    if (isCamera) await request(this.socket, 'media:setConsumerLayers', { consumerId: consumer.id, spatialLayer: this.plan.cameraLayer });
  }

  private transport(direction: 'send' | 'recv', options: TransportOptions): Transport {
    const transport = direction === 'send' ? this.device.createSendTransport(options) : this.device.createRecvTransport(options);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      request(this.socket, 'media:connectTransport', { transportId: transport.id, dtlsParameters })
        .then(() => callback())
        .catch(errback);
    });
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      request(this.socket, 'media:produce', { transportId: transport.id, kind, rtpParameters, source: appData.source as MediaSource })
        .then(({ producerId }) => callback({ id: producerId }))
        .catch(errback);
    });
    return transport;
  }

  /** What has arrived so far, by kind, from libwebrtc's statistics of the receiving connection. */
  async received(): Promise<ReceivedByKind> {
    const counts: ReceivedByKind = { audio: noCounts(), video: noCounts(), shown: { ...this.shown } };
    if (!this.recv) return counts;
    const report = await this.recv.getStats();
    report.forEach((stat: Record<string, unknown>) => {
      if (stat.type !== 'inbound-rtp' || stat.mid === 'probator') return;
      const kind = stat.kind === 'audio' ? 'audio' : 'video';
      const sum = counts[kind];
      sum.streams += 1;
      sum.packetsReceived += Number(stat.packetsReceived ?? 0);
      sum.packetsLost += Math.max(0, Number(stat.packetsLost ?? 0));
      sum.bytesReceived += Number(stat.bytesReceived ?? 0);
      sum.framesDecoded += Number(stat.framesDecoded ?? 0);
    });
    return counts;
  }

  leave(): void {
    for (const sink of this.watched.values()) sink.stop();
    this.watched.clear();
    for (const producer of this.producers) producer.close();
    this.send?.close();
    this.recv?.close();
    this.socket.disconnect();
  }
}
