import { Device } from 'mediasoup-client';
import type { Consumer, DtlsParameters, Producer, Transport } from 'mediasoup-client/types';
import type { ConsumerOptions, EnteredMedia, IceSettings, MediaSource, TransportOptions } from '../../shared/media';
import type { JoinRoomRequest } from '../../shared/room';
import { consumerResumes } from '../services/consumerResumes';
import { request, RequestError, type AppClientSocket } from '../services/socket';
import type { InboundCounters, OutboundCounters } from './linkQuality';
import { SENDING, THIN_UPLINK_MICROPHONE } from './sending';
import { tryAgain, wait } from './tryAgain';

/** How long a path may stay 'disconnected' before new ICE credentials are asked for, and how often they are asked again until it works. */
const ICE_RESTART_AFTER_MS = 3_000;

/**
 * A restart asked this long ago and unanswered, while another transport's path is back, means the
 * socket's own TCP path is stalled: after a cut TCP backs off its retransmissions for seconds, and
 * Socket.IO still counts itself connected. A fresh connection gets the answer sooner.
 */
const SIGNALLING_STALL_MS = 2_000;

/** How many refusals of sending everything anew on a new transport the page takes before the person is told their microphone is lost (see sendAllAnew). */
const SEND_ANEW_REFUSALS = 3;

/** A request whose answer never came: the link is down or stalled, and what it changed may be half done. */
const unanswered = (error: unknown) => error instanceof RequestError && error.code === 'timeout';

/** A track to send as a source, and whether it goes out paused. */
interface Sending {
  source: MediaSource;
  track: MediaStreamTrack;
  paused: boolean;
}

/** A transport that had a path and lost it (one not yet used has none to lose). */
const pathLost = (transport: Transport) => transport.connectionState === 'disconnected' || transport.connectionState === 'failed';

/**
 * How long sending waits, at most, for the path of what this page has begun to receive. On a
 * 150 kbit/s uplink the first second of camera video crowds out the receive transport's ICE and
 * DTLS packets (and the signalling): the first sound came 2–4 s later than it had to.
 */
const RECEIVE_PATH_FIRST_MAX_MS = 4_000;

/** One look at the browser's statistics: each received stream's counters, and the sending path. */
export interface MediaSample {
  inbound: (InboundCounters & { consumerId: string })[];
  outbound: OutboundCounters;
}

/** What the link lets one's own camera send: what the others want, or nothing (the browser itself drops layers that do not fit). */
export type CameraAllowance = 'all' | 'none';
/** Who decided it: the uplink's estimate, or the person choosing audio only. */
export type AllowedBy = 'uplink' | 'choice';

/** Speech could not be sent anew, not even on a new transport: this page no longer sends it, and the person must be told (room.microphoneLost). */
export class MicrophoneLost extends Error {
  override name = 'MicrophoneLost';
}

export interface ReceivedTrack {
  consumerId: string;
  producerId: string;
  peerId: string;
  source: MediaSource;
  track: MediaStreamTrack;
}

/**
 * A page's media device, loaded with what every room's router offers, and its DTLS certificate:
 * made once, in the lobby, so that entering a room starts with the request that enters it.
 */
export interface MediaDevice {
  device: Device;
  certificate: RTCCertificate;
}

export async function prepareMediaDevice(socket: AppClientSocket): Promise<MediaDevice> {
  const device = new Device();
  // The page's own certificate, rather than one per peer connection, so that its fingerprint is
  // known before any of them exists (see createTransport).
  const key: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
  const [certificate, { routerRtpCapabilities }] = await Promise.all([RTCPeerConnection.generateCertificate(key), request(socket, 'media:capabilities', {})]);
  await device.load({ routerRtpCapabilities });
  return { device, certificate };
}

function canSend(device: Device): boolean {
  return device.canProduce('video') || device.canProduce('audio');
}

/**
 * The browser side of the SFU: one mediasoup-client Device, one send and one receive
 * transport, one producer per source (microphone, camera, screen) and the consumers.
 * Knows the signalling, not the UI.
 */
export class MediaSession {
  private readonly device: Device;
  private readonly certificate: RTCCertificate;
  private sendTransport?: Transport;
  private recvTransport?: Transport;
  private readonly producers = new Map<MediaSource, Producer>();
  private readonly consumers = new Map<string, Consumer>();
  /** The layers the server last said anyone receives of each of our cameras (it may say so before produce() returns). */
  private readonly demand = new Map<string, number | null>();
  /** Transports whose path is being restored now. */
  private readonly restoring = new Set<Transport>();
  /**
   * Requests that restore the media (a lost path's restart, sending anew), unanswered yet: when
   * each was asked, and whether its answer is still needed (see reopenStalledSignalling).
   */
  private readonly unanswered = new Set<{ askedAt: number; needed: () => boolean }>();
  private cameraAllowance: CameraAllowance = 'all';
  /**
   * Whether speech is sent for an uplink too thin for video: from the camera's pause for the uplink
   * until the uplink carries the camera again for a while (uplinkCarriesVideo), tries included.
   */
  private uplinkThin = false;
  /**
   * The microphone's changes (muted, unmuted, sent anew for the uplink), one after another: a mute
   * asked while speech is sent anew applies to the new sender.
   */
  private microphoneChanges: Promise<void> = Promise.resolve();
  /** The microphone's track while it is sent anew (between its old sender and its new one), so a mute silences it at once. */
  private microphoneInTransit?: MediaStreamTrack;
  /** Sending everything anew on a new transport (sendAllAnew), which what the person starts or stops meanwhile waits for. */
  private sendingAnew: Promise<void> = Promise.resolve();
  /** Send transports replaced in this page whose close the server has not confirmed yet. */
  private readonly replaced = new Set<string>();
  private closed = false;
  /** Whether anything has been asked to be received yet: only then has the receive transport a path to wait for. */
  private receivingAsked = false;
  /** Resumes what it receives, those ready in the same moment in one request. */
  private readonly resume: (consumerId: string) => Promise<void>;

  constructor(
    private readonly socket: AppClientSocket,
    prepared: MediaDevice,
    /** TURN servers and policy for this session's transports (empty where the network needs none). */
    private readonly ice: IceSettings,
    /** Told when the server refuses a transport, which then carries nothing (the lobby's test sees it in its verdict). */
    private readonly onTransportRefused: (error: unknown) => void = () => undefined,
  ) {
    this.device = prepared.device;
    this.certificate = prepared.certificate;
    this.resume = consumerResumes(socket);
  }

  /** What the join asks for, so that its answer brings the transports and consumers made (see enter). */
  static joinRequest({ device }: MediaDevice): NonNullable<JoinRoomRequest['media']> {
    return { rtpCapabilities: device.rtpCapabilities, send: canSend(device) };
  }

  /** Takes the transports the join made; the consumers it made are taken with accept(). */
  enter({ transports }: EnteredMedia): void {
    this.recvTransport = this.createTransport('recv', transports.recv);
    if (transports.send) this.sendTransport = this.createTransport('send', transports.send);
  }

  /** Asks for both transports (where nothing was made on entering, as in the lobby's test). */
  async start(): Promise<void> {
    // Both asked at once: on a 200 ms round trip, one after the other held up the first sound by a round trip.
    const [recv, send] = await Promise.all([
      request(this.socket, 'media:createTransport', { direction: 'recv' }),
      canSend(this.device) ? request(this.socket, 'media:createTransport', { direction: 'send' }) : null,
    ]);
    this.enter({ transports: { recv, send }, consumers: [] });
  }

  /** Sends a track as `source`; a paused one (a muted microphone) costs no bandwidth until resumed. Answers the producer's id. */
  async publish(track: MediaStreamTrack, source: MediaSource, paused = false): Promise<string> {
    await this.sendingAnew;
    return this.sendOrSendAllAnew({ track, source, paused });
  }

  /**
   * Sends a source; if its requests go unanswered (the link cut meanwhile), mediasoup-client's send
   * transport makes no new sender after it ("no a=ssrc lines found": its idea of the next media
   * section no longer matches the browser's), so everything is sent anew on a new transport.
   * A refusal is the server's answer, and is the caller's to tell.
   */
  private async sendOrSendAllAnew(sending: Sending): Promise<string> {
    try {
      return await this.send(sending);
    } catch (error) {
      if (!unanswered(error)) throw error;
      console.warn(`the ${sending.source} was not sent; sending everything on a new transport`, error);
      // After any other under way: two at once would each close the other's transport.
      const sentAnew = this.sendingAnew.then(() => this.sendAllAnew(sending));
      this.sendingAnew = sentAnew.catch(() => undefined);
      await sentAnew;
      const producer = this.producers.get(sending.source);
      if (!producer) throw new Error(`the ${sending.source} was not sent: the session ended`);
      return producer.id;
    }
  }

  private async send({ track, source, paused }: Sending): Promise<string> {
    const transport = this.sendTransport;
    if (!transport) throw new Error('this browser cannot send media to the server');
    await this.withdraw(source);
    await this.receivePathFirst();
    const thinUplink = source === 'microphone' && this.uplinkThin;
    const producer = await transport.produce({ track, appData: { source, thinUplink }, stopTracks: false, ...(thinUplink ? THIN_UPLINK_MICROPHONE : SENDING[source]) });
    this.producers.set(source, producer);
    producer.observer.once('close', () => this.demand.delete(producer.id));
    // A camera started while the uplink carries no video waits, paused, until it does.
    if (paused || (source === 'camera' && this.cameraAllowance === 'none')) await this.applyPaused(source, true);
    await this.encodeWanted(producer);
    return producer.id;
  }

  /**
   * Receiving comes first: while the receive transport of what this page has begun to receive is
   * connecting for the first time, sending waits for it (a few seconds at most), so that what this
   * person hears and sees is not held up by what they send. Once it has connected, or when nothing
   * is received (the first one in the room), sending starts at once.
   */
  private async receivePathFirst(): Promise<void> {
    const transport = this.recvTransport;
    const connecting = (state: string) => state === 'new' || state === 'connecting';
    if (!transport || !this.receivingAsked || !connecting(transport.connectionState)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        transport.off('connectionstatechange', onState);
        resolve();
      };
      const onState = (state: string) => {
        if (!connecting(state)) done();
      };
      const timer = setTimeout(done, RECEIVE_PATH_FIRST_MAX_MS);
      transport.on('connectionstatechange', onState);
    });
  }

  /** The server says which layers of a camera anyone receives: the others are not encoded at all. */
  async setDemand(producerId: string, spatialLayer: number | null): Promise<void> {
    this.demand.set(producerId, spatialLayer);
    const producer = [...this.producers.values()].find((candidate) => candidate.id === producerId);
    if (producer) await this.encodeWanted(producer);
  }

  private async encodeWanted(producer: Producer): Promise<void> {
    if (!this.demand.has(producer.id) || producer.closed) return;
    // -1 turns every layer off: nobody receives this camera.
    const wanted = this.demand.get(producer.id) ?? -1;
    await producer.setMaxSpatialLayer(wanted);
  }

  /**
   * Fits one's own camera to what the uplink carries (`by` 'uplink') or to the person's choice of
   * audio only (`by` 'choice'): no video at all when it cannot carry even the smallest layer beside
   * speech (paused, so the others see the camera off rather than a frozen picture, and speech gets
   * through). Held back by the uplink, speech is sent in fewer, longer packets too (see THIN_UPLINK_MICROPHONE).
   */
  async allowCamera(allowance: CameraAllowance, by: AllowedBy): Promise<void> {
    if (allowance === 'none' && by === 'uplink') this.uplinkThin = true;
    const camera = allowance === this.cameraAllowance ? undefined : this.producers.get('camera');
    this.cameraAllowance = allowance;
    // Stopped in this page at once, before the requests that follow cross the uplink its video was
    // filling; speech's change stops its old sender as it starts, which leaves them room.
    if (allowance === 'none') camera?.pause();
    const outcomes = await Promise.allSettled([this.fitSpeech(), camera && this.setPaused('camera', allowance === 'none')]);
    // Speech's failure first: it is the one the person must be told of (MicrophoneLost).
    for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
  }

  /**
   * The uplink has carried the camera for a while: speech goes back to its usual packets. Not at
   * the camera's tries, which mostly fail on a link that stays thin: each change of how speech is
   * sent leaves the others without it for a moment.
   */
  async uplinkCarriesVideo(): Promise<void> {
    if (!this.uplinkThin) return;
    this.uplinkThin = false;
    await this.fitSpeech();
  }

  /**
   * Sends speech as the uplink allows (THIN_UPLINK_MICROPHONE while it is too thin for video),
   * one change at a time: a change sends the microphone anew, and the link's samples come every second.
   */
  private fitSpeech(): Promise<void> {
    return this.changeMicrophone(async () => {
      const microphone = this.producers.get('microphone');
      if (!microphone?.track || microphone.closed || microphone.appData.thinUplink === this.uplinkThin) return;
      this.microphoneInTransit = microphone.track;
      try {
        await this.sendOrSendAllAnew({ source: 'microphone', track: microphone.track, paused: microphone.paused });
      } catch (error) {
        throw new MicrophoneLost('the microphone was not sent anew', { cause: error });
      } finally {
        this.microphoneInTransit = undefined;
      }
    });
  }

  /**
   * Everything this page sends, sent anew on a new transport, `first` first (see sendOrSendAllAnew).
   * Tried again while the link is down, and given up after SEND_ANEW_REFUSALS refusals.
   */
  private async sendAllAnew(first: Sending): Promise<void> {
    const others = [...this.producers].filter(([source]) => source !== first.source).map(([source, producer]) => ({ source, track: producer.track, paused: producer.paused }));
    const sendAll = async () => {
      await this.replaceSendTransport();
      for (const { source, track, paused } of [first, ...others]) {
        if (track?.readyState === 'live') await this.send({ source, track, paused });
      }
    };
    await tryAgain(
      sendAll,
      {
        everyMs: ICE_RESTART_AFTER_MS,
        refusals: SEND_ANEW_REFUSALS,
        reachable: () => this.socket.connected,
        // Also what a socket reopened meanwhile refuses.
        unanswered,
        stopped: () => this.closed,
      },
      (error) => console.warn('sending anew failed; trying again', error),
    );
  }

  /** Closes the send transport, here and on the server (which ends what it carried for the others), and opens another. */
  private async replaceSendTransport(): Promise<void> {
    const old = this.sendTransport;
    if (old) {
      this.producers.clear();
      old.close();
      this.sendTransport = undefined;
      this.replaced.add(old.id);
    }
    for (const transportId of this.replaced) {
      // Closed already when an earlier try's answer was lost.
      await this.restoringRequest(() => request(this.socket, 'media:closeTransport', { transportId })).catch((error: unknown) => {
        if (!(error instanceof RequestError && error.code === 'not_found')) throw error;
      });
      this.replaced.delete(transportId);
    }
    this.sendTransport = this.createTransport('send', await this.restoringRequest(() => request(this.socket, 'media:createTransport', { direction: 'send' })));
  }

  private changeMicrophone(change: () => Promise<void>): Promise<void> {
    const changed = this.microphoneChanges.then(change);
    this.microphoneChanges = changed.catch(() => undefined);
    return changed;
  }

  get cameraLimitedBy(): CameraAllowance {
    return this.cameraAllowance;
  }

  /** Whether this page has paused what it receives of a consumer (a tile off screen, audio only). */
  isConsumerPaused(consumerId: string): boolean {
    return this.consumers.get(consumerId)?.paused ?? true;
  }

  /** The counters of every received stream and of the sending path, from the browser's getStats. */
  async sample(): Promise<MediaSample> {
    const at = performance.now();
    const [received, sent] = await Promise.all([this.recvTransport?.getStats(), this.sendTransport?.getStats()]);
    const byTrack = new Map([...this.consumers.values()].map((consumer) => [consumer.track.id, consumer.id]));
    const inbound: MediaSample['inbound'] = [];
    received?.forEach((stats: Record<string, unknown>) => {
      const consumerId = stats.type === 'inbound-rtp' ? byTrack.get(String(stats.trackIdentifier)) : undefined;
      if (!consumerId) return;
      inbound.push({
        consumerId,
        at,
        kind: stats.kind === 'video' ? 'video' : 'audio',
        packetsReceived: Number(stats.packetsReceived ?? 0),
        packetsLost: Number(stats.packetsLost ?? 0),
        framesDecoded: stats.framesDecoded === undefined ? undefined : Number(stats.framesDecoded),
        jitter: stats.jitter === undefined ? undefined : Number(stats.jitter),
      });
    });
    const outbound: OutboundCounters = {};
    sent?.forEach((stats: Record<string, unknown>) => {
      if (stats.type === 'candidate-pair' && stats.nominated && stats.state === 'succeeded') {
        if (stats.availableOutgoingBitrate !== undefined) outbound.availableOutgoingBitrate = Number(stats.availableOutgoingBitrate);
        if (stats.currentRoundTripTime !== undefined) outbound.roundTripTime = Number(stats.currentRoundTripTime);
        const local = sent.get(String(stats.localCandidateId)) as Record<string, unknown> | undefined;
        if (local) outbound.path = local.candidateType === 'relay' ? 'relay' : local.protocol === 'tcp' ? 'tcp' : 'udp';
      }
      // What the server reports of our speech on its way to it: the loss that matters most.
      if (stats.type === 'remote-inbound-rtp' && stats.kind === 'audio' && stats.fractionLost !== undefined) outbound.fractionLost = Number(stats.fractionLost);
    });
    return { inbound, outbound };
  }

  async setPaused(source: MediaSource, paused: boolean): Promise<void> {
    if (source !== 'microphone') {
      await this.sendingAnew;
      return this.applyPaused(source, paused);
    }
    // Silent at once, even while it is being sent anew; the sender is paused once that is done.
    const track = this.producers.get('microphone')?.track ?? this.microphoneInTransit;
    if (paused && track) track.enabled = false;
    return this.changeMicrophone(() => this.applyPaused('microphone', paused));
  }

  private async applyPaused(source: MediaSource, paused: boolean): Promise<void> {
    const producer = this.producers.get(source);
    if (!producer) return;
    if (paused) producer.pause();
    else producer.resume();
    await request(this.socket, 'media:pauseProducer', { producerId: producer.id, paused });
  }

  async unpublish(source: MediaSource): Promise<void> {
    await this.sendingAnew;
    await this.withdraw(source);
  }

  private async withdraw(source: MediaSource): Promise<void> {
    const producer = this.producers.get(source);
    if (!producer) return;
    this.producers.delete(source);
    producer.close();
    await request(this.socket, 'media:closeProducer', { producerId: producer.id });
  }

  /** Forgets a producer the server already closed (a coordinator stopped the camera). */
  dropLocal(source: MediaSource): void {
    this.producers.get(source)?.close();
    this.producers.delete(source);
  }

  isPublishing(source: MediaSource): boolean {
    return this.producers.has(source) || (source === 'microphone' && this.microphoneInTransit !== undefined);
  }

  /** Receives one remote producer; the server starts it paused and resumes it once we are ready. */
  async consume(producerId: string): Promise<ReceivedTrack> {
    const transport = this.recvTransport;
    if (!transport) throw new Error('media session not started');
    this.receivingAsked = true;
    const options: ConsumerOptions = await request(this.socket, 'media:consume', {
      transportId: transport.id,
      producerId,
      rtpCapabilities: this.device.rtpCapabilities,
    });
    return this.accept(options);
  }

  /** Receives a consumer the server made, and has it resumed if it was made paused. */
  async accept(options: ConsumerOptions): Promise<ReceivedTrack> {
    const transport = this.recvTransport;
    if (!transport) throw new Error('media session not started');
    this.receivingAsked = true;
    const consumer = await transport.consume({
      id: options.consumerId,
      producerId: options.producerId,
      kind: options.kind,
      rtpParameters: options.rtpParameters,
    });
    this.consumers.set(consumer.id, consumer);
    try {
      if (options.paused) await this.resume(consumer.id);
    } catch (error) {
      // Never resumed, it would never play: nothing keeps it.
      this.closeConsumer(consumer.id);
      throw error;
    }
    return { consumerId: consumer.id, producerId: options.producerId, peerId: options.peerId, source: options.source, track: consumer.track };
  }

  /** Pauses a consumer whose tile is off screen, or picks the simulcast layer for its size. */
  async viewConsumer(consumerId: string, view: { paused: boolean; spatialLayer: number }): Promise<void> {
    const consumer = this.consumers.get(consumerId);
    if (!consumer) return;
    if (view.paused !== consumer.paused) {
      if (view.paused) consumer.pause();
      else consumer.resume();
      await request(this.socket, 'media:pauseConsumer', { consumerId, paused: view.paused });
    }
    if (!view.paused) await request(this.socket, 'media:setConsumerLayers', { consumerId, spatialLayer: view.spatialLayer });
  }

  closeConsumer(consumerId: string): void {
    this.consumers.get(consumerId)?.close();
    this.consumers.delete(consumerId);
  }

  /** After the page's link came back: any transport whose path did not recover by itself gets new ICE credentials. */
  recoverTransports(): void {
    for (const transport of [this.sendTransport, this.recvTransport]) {
      if (transport && pathLost(transport)) void this.restoreIce(transport);
    }
  }

  close(): void {
    this.closed = true;
    for (const producer of this.producers.values()) producer.close();
    for (const consumer of this.consumers.values()) consumer.close();
    this.producers.clear();
    this.consumers.clear();
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = undefined;
    this.recvTransport = undefined;
  }

  /** Asks for new ICE credentials, again every few seconds (the socket may still be down), until the path works or the session ends. */
  private async restoreIce(transport: Transport): Promise<void> {
    if (this.restoring.has(transport)) return;
    this.restoring.add(transport);
    try {
      while (!transport.closed && pathLost(transport)) {
        if (this.socket.connected) {
          try {
            const { iceParameters } = await this.restoringRequest(
              () => request(this.socket, 'media:restartIce', { transportId: transport.id }),
              () => pathLost(transport),
            );
            await transport.restartIce({ iceParameters });
          } catch (error) {
            // Closed meanwhile: replaced (sendAllAnew) or the session ended.
            if (transport.closed) return;
            console.warn('ICE restart failed; trying again', error);
            this.reopenStalledSignalling();
          }
        }
        await wait(ICE_RESTART_AFTER_MS);
      }
    } finally {
      this.restoring.delete(transport);
    }
  }

  /** A request that restores the media, counted as unanswered until it is answered (see reopenStalledSignalling). */
  private async restoringRequest<T>(asked: () => Promise<T>, needed: () => boolean = () => true): Promise<T> {
    const entry = { askedAt: Date.now(), needed };
    this.unanswered.add(entry);
    try {
      return await asked();
    } finally {
      this.unanswered.delete(entry);
    }
  }

  /**
   * The network is back (a transport's path works again) but a request that restores the media
   * (another transport's restart, sending anew) has gone unanswered for SIGNALLING_STALL_MS: the
   * socket is reopened (the room resumes, as after a long cut), and the pending request, refused on
   * the close, is asked again on the new connection.
   */
  private reopenStalledSignalling(): void {
    const pathBack = [this.sendTransport, this.recvTransport].some((transport) => transport?.connectionState === 'connected');
    const stalled = [...this.unanswered].some(({ askedAt, needed }) => needed() && Date.now() - askedAt > SIGNALLING_STALL_MS);
    if (!pathBack || !stalled || !this.socket.connected) return;
    console.warn('signalling stalled while the media path is back; reconnecting the socket');
    this.unanswered.clear();
    this.socket.io.engine?.close();
  }

  /**
   * A transport with the page's certificate, connected at once: the server is told its DTLS
   * parameters now, while the first consume or produce is asked for, instead of after it (when
   * mediasoup-client asks for them), which cost the first sound a round trip more.
   */
  private createTransport(direction: 'send' | 'recv', options: TransportOptions): Transport {
    const settings = {
      ...options,
      iceServers: this.ice.iceServers,
      iceTransportPolicy: this.ice.iceTransportPolicy,
      additionalSettings: { certificates: [this.certificate] },
    };
    const transport = direction === 'send' ? this.device.createSendTransport(settings) : this.device.createRecvTransport(settings);
    // A lost path (a cut link, a network change, a sleeping laptop) is restored with new ICE credentials, not a reload.
    let disconnectedTimer: ReturnType<typeof setTimeout> | undefined;
    transport.on('connectionstatechange', (state) => {
      clearTimeout(disconnectedTimer);
      if (state === 'failed') void this.restoreIce(transport);
      if (state === 'disconnected') disconnectedTimer = setTimeout(() => void this.restoreIce(transport), ICE_RESTART_AFTER_MS);
      if (state === 'connected' || state === 'failed') this.reopenStalledSignalling();
    });
    // mediasoup-client takes the DTLS client role unless the server forces one (it does not), and
    // the fingerprint is the certificate's: the very parameters it will hand to 'connect'.
    // Upper case as in SDP: the browser spells the fingerprint in lower case, and mediasoup compares it as written.
    const fingerprints = this.certificate.getFingerprints().map(({ algorithm, value }) => ({ algorithm, value: value?.toUpperCase() })) as DtlsParameters['fingerprints'];
    const connected = request(this.socket, 'media:connectTransport', { transportId: transport.id, dtlsParameters: { role: 'client', fingerprints } });
    // Refused DTLS parameters leave the transport without a path: it is closed, and the person told why.
    connected.catch((error: unknown) => {
      transport.close();
      this.onTransportRefused(error);
    });
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      const same =
        dtlsParameters.role === 'client' &&
        dtlsParameters.fingerprints.some((fingerprint) => fingerprints.some((sent) => sent.algorithm === fingerprint.algorithm && sent.value === fingerprint.value.toUpperCase()));
      if (!same) {
        errback(new Error('the transport connects with DTLS parameters other than those sent'));
        return;
      }
      // Not waiting for the server's answer: ICE starts now, and its first handshake packet comes a
      // round trip after the parameters sent before it on the same link (waiting cost a round trip).
      callback();
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        request(this.socket, 'media:produce', {
          transportId: transport.id,
          kind,
          rtpParameters,
          source: appData.source as MediaSource,
        })
          .then(({ producerId }) => callback({ id: producerId }))
          .catch(errback);
      });
    }
    return transport;
  }
}
