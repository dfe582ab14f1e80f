import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import type { JoinedRoom, PeerInfo, ProducerInfo, ProducerState } from '../../shared/media';
import { captureCamera, type DeviceChoice } from '../media/localMedia';
import { MediaSession } from '../media/mediaSession';
import { appSocket, request, RequestError, subscribe, type AppClientSocket } from '../services/socket';
import { useFloorStore } from './floor';

export interface Participant extends Omit<PeerInfo, 'producers'> {
  /** What they send, and whether it is muted: drives the tile's icons. */
  producers: ProducerState[];
  /** Their camera and microphone as received. */
  stream: MediaStream;
  /** Their shared screen, shown on the stage. */
  screen: MediaStream | null;
  consumers: { consumerId: string; producerId: string; kind: MediaStreamTrack['kind']; source: ProducerInfo['source'] }[];
}

/** How a tile is shown: whether on screen, and how wide, in CSS pixels. */
export interface TileView {
  visible: boolean;
  width: number;
}

/** The simulcast layer worth receiving for a tile of this width (layers are 320, 640 and 1280 wide). */
export function layerForWidth(width: number): number {
  if (width <= 360) return 0;
  if (width <= 720) return 1;
  return 2;
}

export type RoomStatus = 'idle' | 'joining' | 'waiting' | 'joined';

/** What the UI shows of a failure: a translation key with its values, and the field to blame. */
export interface RoomProblem {
  key: string;
  values?: Record<string, string>;
  field?: string;
}

/** How long a room keeps trying to enter again while the server restarts its media: 20 × 0.5 s. */
const REJOIN_ATTEMPTS = 20;
const REJOIN_PAUSE_MS = 500;

export function problemFrom(error: unknown): RoomProblem {
  if (error instanceof RequestError) return { key: error.reason ? `errors.reasons.${error.reason}` : `errors.${error.code}`, values: { message: error.message } };
  return { key: 'errors.media_error', values: { message: error instanceof Error ? error.message : String(error) } };
}

export interface JoinOptions {
  /** What the lobby captured; null joins as a viewer. */
  stream: MediaStream | null;
  microphoneOn: boolean;
  devices: DeviceChoice;
}

export const useRoomStore = defineStore('room', () => {
  const status = ref<RoomStatus>('idle');
  const session = ref<JoinedRoom['session'] | null>(null);
  const peerId = ref<string | null>(null);
  const floor = useFloorStore();
  const localStream = shallowRef<MediaStream | null>(null);
  const screenStream = shallowRef<MediaStream | null>(null);
  const microphoneOn = ref(false);
  const cameraOn = ref(false);
  const participants = ref<Participant[]>([]);
  const problem = ref<RoomProblem | null>(null);
  const notice = ref<RoomProblem | null>(null);
  /** While the socket is down the room stays on screen, marked as reconnecting. */
  const reconnecting = ref(false);

  let socket: AppClientSocket | null = null;
  let media: MediaSession | null = null;
  let unlisten: (() => void) | null = null;
  let rejoining: Promise<void> | null = null;
  /** Settles once the media session of the current entry can receive; what is announced before waits for it. */
  let mediaReady: Promise<void> = Promise.resolve();
  /** Producers being received now: an announcement and the join's answer may name the same one. */
  const receiving = new Set<string>();
  let devices: DeviceChoice = {};
  let pending: { sessionId: string; options: JoinOptions } | null = null;
  const tileViews = new Map<string, TileView>();

  const participantCount = computed(() => participants.value.length + (status.value === 'joined' ? 1 : 0));

  function participant(peerId: string): Participant | undefined {
    return participants.value.find((candidate) => candidate.peerId === peerId);
  }

  function addParticipant(peer: PeerInfo): void {
    if (participant(peer.peerId)) return;
    participants.value.push({ ...peer, stream: markRaw(new MediaStream()), screen: null, consumers: [] });
  }

  function removeParticipant(peerId: string): void {
    const leaving = participant(peerId);
    if (!leaving) return;
    for (const { consumerId } of leaving.consumers) media?.closeConsumer(consumerId);
    participants.value = participants.value.filter((candidate) => candidate.peerId !== peerId);
  }

  function updateProducer(state: ProducerState): void {
    const owner = participant(state.peerId);
    if (!owner) return;
    owner.producers = [...owner.producers.filter((producer) => producer.producerId !== state.producerId), state];
  }

  async function receive(producer: ProducerInfo): Promise<void> {
    // A producer announced while entering (even before the join's answer) waits for the media session.
    await mediaReady;
    const already = participant(producer.peerId)?.consumers.some((consumer) => consumer.producerId === producer.producerId);
    if (!media || already || receiving.has(producer.producerId)) return;
    receiving.add(producer.producerId);
    try {
      const received = await media.consume(producer.producerId);
      const owner = participant(received.peerId);
      if (!owner) {
        media.closeConsumer(received.consumerId);
        return;
      }
      if (received.source === 'screen') owner.screen = markRaw(new MediaStream([received.track]));
      else owner.stream.addTrack(received.track);
      owner.consumers.push({ consumerId: received.consumerId, producerId: received.producerId, kind: received.track.kind, source: received.source });
      const view = tileViews.get(owner.peerId);
      if (view && received.source === 'camera') void applyView(received.consumerId, view);
    } catch (error) {
      notice.value = problemFrom(error);
    } finally {
      receiving.delete(producer.producerId);
    }
  }

  async function applyView(consumerId: string, view: TileView): Promise<void> {
    try {
      await media?.viewConsumer(consumerId, { paused: !view.visible, spatialLayer: layerForWidth(view.width) });
    } catch (error) {
      notice.value = problemFrom(error);
    }
  }

  /** A participant's tile moved on or off screen, or changed size: adjust what their camera sends us. */
  function viewTile(peerId: string, view: TileView): void {
    const previous = tileViews.get(peerId);
    tileViews.set(peerId, view);
    if (previous && previous.visible === view.visible && layerForWidth(previous.width) === layerForWidth(view.width)) return;
    for (const consumer of participant(peerId)?.consumers ?? []) {
      if (consumer.source === 'camera') void applyView(consumer.consumerId, view);
    }
  }

  function dropConsumer(consumerId: string): void {
    for (const owner of participants.value) {
      const gone = owner.consumers.find((consumer) => consumer.consumerId === consumerId);
      if (!gone) continue;
      owner.consumers = owner.consumers.filter((consumer) => consumer !== gone);
      const closed = owner.producers.find((producer) => producer.producerId === gone.producerId);
      if (closed?.source === 'screen') owner.screen = null;
      owner.producers = owner.producers.filter((producer) => producer !== closed);
    }
    media?.closeConsumer(consumerId);
  }

  /** Room events on the shared socket; returns how to stop listening, leaving its other listeners alone. */
  function listen(target: AppClientSocket): () => void {
    const onDisconnect = (reason: string) => {
      if (reason === 'io client disconnect' || status.value === 'idle') return;
      if (status.value === 'joined') {
        reconnecting.value = true;
        return;
      }
      reset();
      problem.value = { key: 'errors.disconnected' };
    };
    // Socket.IO reconnects by itself; the server released the old peer, so enter again as before.
    const onReconnect = () => {
      if (reconnecting.value) void rejoin();
    };
    target.on('disconnect', onDisconnect);
    target.on('connect', onReconnect);
    const stops = [
      subscribe(target, 'room:peerJoined', (peer) => addParticipant(peer)),
      subscribe(target, 'room:peerLeft', ({ peerId }) => removeParticipant(peerId)),
      subscribe(target, 'room:producerAdded', (producer) => {
        updateProducer({ ...producer, paused: false });
        void receive(producer);
      }),
      subscribe(target, 'room:producerState', (state) => updateProducer(state)),
      subscribe(target, 'media:consumerClosed', ({ consumerId }) => dropConsumer(consumerId)),
      subscribe(target, 'room:closed', ({ reason }) => {
        // The video server restarted under the room: enter again by itself, as after a dropped link.
        if (reason === 'media_restarted' && status.value === 'joined') {
          reconnecting.value = true;
          void rejoin();
          return;
        }
        reset();
        problem.value = { key: `room.closedBecause.${reason}` };
      }),
      subscribe(target, 'room:removed', () => {
        reset();
        problem.value = { key: 'room.removed' };
      }),
      subscribe(target, 'account:ended', ({ reason }) => {
        reset();
        problem.value = { key: `room.accountEnded.${reason}` };
      }),
      subscribe(target, 'lobby:admitted', () => void enter()),
      subscribe(target, 'moderation:stopped', ({ source }) => void stoppedByModerator(source)),
      () => void target.off('disconnect', onDisconnect),
      () => void target.off('connect', onReconnect),
    ];
    return () => stops.forEach((stop) => stop());
  }

  async function join(sessionId: string, options: JoinOptions): Promise<void> {
    if (status.value !== 'idle') return;
    problem.value = null;
    notice.value = null;
    devices = options.devices;
    pending = { sessionId, options };
    socket = appSocket();
    unlisten = listen(socket);
    await enter();
  }

  /** Asks to enter; a locked room puts the person in its lobby until admitted, then this runs again. */
  async function enter(): Promise<void> {
    if (!pending || status.value === 'joining' || status.value === 'joined') return;
    const { sessionId, options } = pending;
    status.value = 'joining';
    try {
      if ((await connect(sessionId, options)) === 'waiting') {
        status.value = 'waiting';
        return;
      }
      status.value = 'joined';
      pending = null;
    } catch (error) {
      reset();
      // The server refuses entry with a conflict when the room is not open: say when it is.
      problem.value = error instanceof RequestError && error.code === 'conflict' ? { key: 'lobby.notOpen' } : problemFrom(error);
    }
  }

  /**
   * After the socket came back, or the video server restarted: the same session, the same camera
   * and microphone, new transports. While the server says it is restarting, it tries again.
   */
  function rejoin(): Promise<void> {
    // A reconnected socket and a restarted video server can both ask at once: enter once.
    rejoining ??= enterAgain().finally(() => (rejoining = null));
    return rejoining;
  }

  async function enterAgain(): Promise<void> {
    const sessionId = session.value?.id;
    if (!sessionId) return;
    for (let attempt = 1; ; attempt++) {
      media?.close();
      media = null;
      participants.value = [];
      try {
        await connect(sessionId, { stream: localStream.value, microphoneOn: microphoneOn.value, devices }, screenStream.value);
        reconnecting.value = false;
        return;
      } catch (error) {
        if (error instanceof RequestError && error.code === 'unavailable' && attempt < REJOIN_ATTEMPTS) {
          await new Promise((resolve) => setTimeout(resolve, REJOIN_PAUSE_MS));
          continue;
        }
        reset();
        problem.value = problemFrom(error);
        return;
      }
    }
  }

  /** Joins the room and starts sending and receiving; 'waiting' when a locked room holds the person in its lobby. */
  async function connect(sessionId: string, options: JoinOptions, screen: MediaStream | null = null): Promise<'joined' | 'waiting'> {
    if (!socket) throw new Error('not connected');
    let ready!: () => void;
    mediaReady = new Promise<void>((resolve) => (ready = resolve));
    try {
      const answer = await request(socket, 'room:join', { sessionId });
      if (answer.status === 'waiting') return 'waiting';
      session.value = answer.session;
      peerId.value = answer.peerId;
      floor.follow(answer.floor, socket);
      for (const peer of answer.peers) addParticipant(peer);
      media = new MediaSession(socket);
      await media.start(answer.routerRtpCapabilities);
      ready();
      if (options.stream) {
        localStream.value = markRaw(options.stream);
        const [audio] = options.stream.getAudioTracks();
        const [video] = options.stream.getVideoTracks();
        if (audio) await media.publish(audio, 'microphone', !options.microphoneOn);
        if (video) await media.publish(video, 'camera');
        microphoneOn.value = Boolean(audio) && options.microphoneOn;
        cameraOn.value = Boolean(video);
      }
      const [screenTrack] = screen?.getVideoTracks() ?? [];
      if (screenTrack) await media.publish(screenTrack, 'screen');
      await Promise.all(answer.peers.flatMap((peer) => peer.producers.map((producer) => receive(producer))));
      return 'joined';
    } finally {
      ready();
    }
  }

  async function stoppedByModerator(source: 'microphone' | 'camera' | 'screen'): Promise<void> {
    if (source === 'microphone') {
      microphoneOn.value = false;
      notice.value = { key: 'room.mutedByModerator' };
      return;
    }
    media?.dropLocal(source);
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
      notice.value = { key: 'room.cameraStoppedByModerator' };
    }
  }

  async function toggleMicrophone(): Promise<void> {
    if (!media?.isPublishing('microphone')) return;
    const next = !microphoneOn.value;
    try {
      await media.setPaused('microphone', !next);
      microphoneOn.value = next;
    } catch (error) {
      notice.value = problemFrom(error);
    }
  }

  /** Turning the camera off releases it (its light goes out); turning it on captures it again. */
  async function toggleCamera(): Promise<void> {
    if (!media || !localStream.value) return;
    try {
      if (cameraOn.value) {
        await media.unpublish('camera');
        for (const track of localStream.value.getVideoTracks()) {
          track.stop();
          localStream.value.removeTrack(track);
        }
        cameraOn.value = false;
      } else {
        const track = await captureCamera(devices);
        localStream.value.addTrack(track);
        await media.publish(track, 'camera');
        cameraOn.value = true;
      }
    } catch (error) {
      notice.value = problemFrom(error);
    }
  }

  /** Shares a screen or window on everyone's stage; the browser's own "stop sharing" ends it too. */
  async function shareScreen(): Promise<void> {
    if (!media || screenStream.value) return;
    try {
      const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 10 } }, audio: false });
      const [track] = stream.getVideoTracks();
      if (!track) return;
      track.addEventListener('ended', () => void stopScreen());
      await media.publish(track, 'screen');
      screenStream.value = markRaw(stream);
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'NotAllowedError')) notice.value = problemFrom(error);
    }
  }

  async function stopScreen(): Promise<void> {
    const stream = screenStream.value;
    if (!stream) return;
    screenStream.value = null;
    for (const track of stream.getTracks()) track.stop();
    try {
      await media?.unpublish('screen');
    } catch (error) {
      notice.value = problemFrom(error);
    }
  }

  function reset(): void {
    for (const track of screenStream.value?.getTracks() ?? []) track.stop();
    screenStream.value = null;
    media?.close();
    media = null;
    for (const track of localStream.value?.getTracks() ?? []) track.stop();
    localStream.value = null;
    participants.value = [];
    microphoneOn.value = false;
    cameraOn.value = false;
    session.value = null;
    peerId.value = null;
    tileViews.clear();
    reconnecting.value = false;
    pending = null;
    floor.unfollow();
    unlisten?.();
    unlisten = null;
    socket = null;
    status.value = 'idle';
  }

  async function leave(): Promise<void> {
    try {
      if (socket?.connected) await request(socket, 'room:leave', {});
    } finally {
      // If the server did not answer, it still releases the peer when this tab's socket closes.
      reset();
    }
  }

  return {
    status,
    session,
    peerId,
    localStream,
    screenStream,
    microphoneOn,
    cameraOn,
    participants,
    problem,
    notice,
    reconnecting,
    participantCount,
    join,
    leave,
    toggleMicrophone,
    toggleCamera,
    shareScreen,
    stopScreen,
    viewTile,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useRoomStore, import.meta.hot));
