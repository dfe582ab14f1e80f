import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, markRaw, ref } from 'vue';
import type { ConsumerOptions, JoinedRoom, PeerInfo, ProducerInfo, ProducerState } from '../../shared/media';
import { MediaSession, prepareMediaDevice, type MediaDevice } from '../media/mediaSession';
import { probeConnection, type ProbeResult } from '../media/connectionProbe';
import { useLinkQuality } from '../media/useLinkQuality';
import { useLocalMedia, type LocalCapture } from '../media/useLocalMedia';
import { problemFrom, stoppedMeanwhile, type RoomProblem } from '../services/roomProblem';
import { appSocket, placeSocket, request, RequestError, subscribe, type AppClientSocket } from '../services/socket';
import { useAuthStore } from './auth';
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

/** How long a room keeps trying to enter again while the server restarts its media: 20 × 0.5 s. */
const REJOIN_ATTEMPTS = 20;
const REJOIN_PAUSE_MS = 500;

/**
 * The live room one is in: entering it (through its lobby, and again after a dropped link or a
 * restart of the video server), the others in it and what is received from them. One's own
 * camera, microphone and screen are useLocalMedia's.
 */
export const useRoomStore = defineStore('room', () => {
  const status = ref<RoomStatus>('idle');
  const session = ref<JoinedRoom['session'] | null>(null);
  const peerId = ref<string | null>(null);
  const floor = useFloorStore();
  const participants = ref<Participant[]>([]);
  const problem = ref<RoomProblem | null>(null);
  const notice = ref<RoomProblem | null>(null);
  /** The session whose room the coordinator ended while this page was in it. */
  const endedSession = ref<string | null>(null);
  /** While the socket is down the room stays on screen, marked as reconnecting. */
  const reconnecting = ref(false);

  let socket: AppClientSocket | null = null;
  let media: MediaSession | null = null;
  let unlisten: (() => void) | null = null;
  let rejoining: Promise<void> | null = null;
  /** The secret with which this page takes its peer back after its link dropped. */
  let resumeToken: string | null = null;
  /** Settles once the media session of the current entry can receive; what is announced before waits for it. */
  let mediaReady: Promise<void> = Promise.resolve();
  /** Producers being received now: an announcement and the join's answer may name the same one. */
  const receiving = new Set<string>();
  /** Consumers the join made, by producer, until received; an announcement of the same producer takes its consumer. */
  const offered = new Map<string, ConsumerOptions>();
  /** Consumers the server closed before this page held them (their sender stopped at once): closed as soon as taken. */
  const closedEarly = new Set<string>();
  /** The page's media device, made once while the lobby is on screen. */
  let device: Promise<MediaDevice> | null = null;
  let pending: { sessionId: string; capture: LocalCapture } | null = null;
  const tileViews = new Map<string, TileView>();
  /** Told to the person in the room, beside the stage. */
  const tell = (problem: RoomProblem) => (notice.value = problem);
  const local = useLocalMedia(() => media, tell);

  /** Chosen by the person on a link too thin for video: no camera sent, no cameras received, speech and the shared case only. */
  const audioOnly = ref(false);
  const quality = useLinkQuality(() => media, participants, reconnecting, audioOnly, tell);

  /** The lobby's connection test: its progress while it runs (0–1), then what it found. */
  const probe = ref<{ progress: number | null; result: ProbeResult | null }>({ progress: null, result: null });

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

  /** A producer that stopped before it was received: its tile shows nothing of it. */
  function forgetProducer(producerId: string): void {
    for (const owner of participants.value) owner.producers = owner.producers.filter((producer) => producer.producerId !== producerId);
  }

  async function receive(producer: ProducerInfo): Promise<void> {
    // A producer announced while entering (even before the join's answer) waits for the media session.
    await mediaReady;
    const already = participant(producer.peerId)?.consumers.some((consumer) => consumer.producerId === producer.producerId);
    if (!media || already || receiving.has(producer.producerId)) return;
    receiving.add(producer.producerId);
    const made = offered.get(producer.producerId);
    offered.delete(producer.producerId);
    try {
      const received = made ? await media.accept(made) : await media.consume(producer.producerId);
      const owner = participant(received.peerId);
      // Its closing is forgotten either way: no later news names this consumer again.
      if (closedEarly.delete(received.consumerId) || !owner) {
        media.closeConsumer(received.consumerId);
        forgetProducer(received.producerId);
        return;
      }
      if (received.source === 'screen') owner.screen = markRaw(new MediaStream([received.track]));
      else owner.stream.addTrack(received.track);
      owner.consumers.push({ consumerId: received.consumerId, producerId: received.producerId, kind: received.track.kind, source: received.source });
      const view = tileViews.get(owner.peerId);
      if (view && received.source === 'camera') void applyView(received.consumerId, view);
    } catch (error) {
      if (stoppedMeanwhile(error)) forgetProducer(producer.producerId);
      else notice.value = problemFrom(error);
    } finally {
      receiving.delete(producer.producerId);
    }
  }

  async function applyView(consumerId: string, view: TileView): Promise<void> {
    try {
      await media?.viewConsumer(consumerId, { paused: !view.visible || audioOnly.value, spatialLayer: layerForWidth(view.width) });
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

  /**
   * Loads the page's media device while the lobby is on screen, so that entering starts with the
   * request that enters (on a 200 ms round trip, everything done before the click is heard).
   */
  function prepare(sessionId: string): Promise<MediaDevice> {
    placeSocket(sessionId);
    device ??= prepareMediaDevice(appSocket()).catch((error: unknown) => {
      device = null;
      throw error;
    });
    return device;
  }

  /** Tests, from the lobby, whether this person's audio and video will get through to the media server and back. */
  async function testConnection(sessionId: string, stream: MediaStream | null): Promise<void> {
    if (probe.value.progress !== null || status.value !== 'idle') return;
    probe.value = { progress: 0, result: null };
    try {
      const result = await probeConnection(appSocket(), await prepare(sessionId), stream, (fraction) => (probe.value.progress = fraction));
      probe.value = { progress: null, result };
    } catch (error) {
      probe.value = { progress: null, result: null };
      notice.value = problemFrom(error);
    }
  }

  /** Audio only, or video again: one's own camera and every received camera follow. */
  async function toggleAudioOnly(): Promise<void> {
    audioOnly.value = !audioOnly.value;
    for (const owner of participants.value) {
      const view = tileViews.get(owner.peerId) ?? { visible: true, width: Number.MAX_SAFE_INTEGER };
      for (const consumer of owner.consumers) if (consumer.source === 'camera') await applyView(consumer.consumerId, view);
    }
    await quality.followAudioOnly().catch((error: unknown) => (notice.value = problemFrom(error)));
  }

  function dropConsumer(consumerId: string): void {
    media?.closeConsumer(consumerId);
    const owner = participants.value.find((candidate) => candidate.consumers.some((consumer) => consumer.consumerId === consumerId));
    const gone = owner?.consumers.find((consumer) => consumer.consumerId === consumerId);
    if (!owner || !gone) {
      // Still being taken (its news and its closing came together): receive() closes it once taken.
      closedEarly.add(consumerId);
      return;
    }
    owner.consumers = owner.consumers.filter((consumer) => consumer !== gone);
    const closed = owner.producers.find((producer) => producer.producerId === gone.producerId);
    if (closed?.source === 'screen') owner.screen = null;
    owner.producers = owner.producers.filter((producer) => producer !== closed);
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
    // Socket.IO reconnects by itself; the server kept the peer for a while, so take it back (or enter anew).
    const onReconnect = () => {
      if (reconnecting.value) void recover();
    };
    target.on('disconnect', onDisconnect);
    target.on('connect', onReconnect);
    const stops = [
      subscribe(target, 'room:peerJoined', (peer) => addParticipant(peer)),
      subscribe(target, 'room:peerLeft', ({ peerId }) => removeParticipant(peerId)),
      subscribe(target, 'room:peerConnection', ({ peerId, connected }) => {
        const peer = participant(peerId);
        if (peer) peer.interrupted = !connected;
      }),
      subscribe(target, 'room:producerAdded', ({ consumer, ...producer }) => {
        updateProducer(producer);
        if (consumer) offered.set(producer.producerId, consumer);
        void receive(producer);
      }),
      subscribe(target, 'room:producerState', (state) => updateProducer(state)),
      subscribe(target, 'media:consumerClosed', ({ consumerId }) => dropConsumer(consumerId)),
      subscribe(target, 'media:producerDemand', ({ producerId, spatialLayer }) => {
        media?.setDemand(producerId, spatialLayer).catch((error: unknown) => console.warn('simulcast layers not changed', error));
      }),
      subscribe(target, 'room:closed', ({ reason }) => {
        // The video server restarted under the room: enter again by itself, as after a dropped link.
        if (reason === 'media_restarted' && status.value === 'joined') {
          reconnecting.value = true;
          void rejoin();
          return;
        }
        const closed = session.value?.id ?? null;
        reset();
        problem.value = { key: `room.closedBecause.${reason}` };
        endedSession.value = reason === 'ended' ? closed : null;
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
      subscribe(target, 'moderation:stopped', ({ source }) => void local.stoppedByModerator(source)),
      () => void target.off('disconnect', onDisconnect),
      () => void target.off('connect', onReconnect),
    ];
    return () => stops.forEach((stop) => stop());
  }

  /** Enters with what the lobby captured; audio only, as chosen there, receives no camera either. */
  async function join(sessionId: string, chosenAudioOnly: boolean, capture: LocalCapture): Promise<void> {
    if (status.value !== 'idle') return;
    audioOnly.value = chosenAudioOnly;
    problem.value = null;
    endedSession.value = null;
    notice.value = null;
    pending = { sessionId, capture };
    socket = appSocket();
    unlisten = listen(socket);
    await enter();
  }

  /** Asks to enter; a locked room puts the person in its lobby until admitted, then this runs again. */
  async function enter(): Promise<void> {
    if (!pending || status.value === 'joining' || status.value === 'joined') return;
    const { sessionId, capture } = pending;
    status.value = 'joining';
    try {
      if ((await connect(sessionId, capture)) === 'waiting') {
        status.value = 'waiting';
        return;
      }
      status.value = 'joined';
      pending = null;
      quality.start();
    } catch (error) {
      reset();
      // The server refuses entry with a conflict when the room is not open: say when it is.
      problem.value = error instanceof RequestError && error.code === 'conflict' ? { key: 'lobby.notOpen' } : problemFrom(error);
    }
  }

  /**
   * After the socket came back: the server kept this page's peer, transports and all, so it takes
   * it back and catches up with what changed meanwhile; media may never have stopped. When the
   * server no longer holds it (the grace ran out, the server restarted), it enters anew.
   */
  function recover(): Promise<void> {
    rejoining ??= resume()
      .catch(() => enterAgain())
      .finally(() => (rejoining = null));
    return rejoining;
  }

  async function resume(): Promise<void> {
    if (!socket || !media || !session.value || !peerId.value || !resumeToken) throw new Error('nothing to resume');
    const answer = await request(socket, 'room:resume', { sessionId: session.value.id, peerId: peerId.value, resumeToken });
    catchUp(answer);
    media.recoverTransports();
    reconnecting.value = false;
  }

  /** Brings the room on screen in line with the server's after a time without news: who is there, sending what. */
  function catchUp(answer: JoinedRoom): void {
    const present = new Set(answer.peers.map((peer) => peer.peerId));
    for (const gone of participants.value.filter((peer) => !present.has(peer.peerId))) removeParticipant(gone.peerId);
    for (const peer of answer.peers) {
      addParticipant(peer);
      const owner = participant(peer.peerId);
      if (!owner) continue;
      const sending = new Set(peer.producers.map((producer) => producer.producerId));
      for (const stale of owner.consumers.filter((consumer) => !sending.has(consumer.producerId))) dropConsumer(stale.consumerId);
      owner.producers = peer.producers;
      owner.interrupted = peer.interrupted;
      for (const producer of peer.producers) void receive(producer);
    }
    if (socket) floor.follow(answer.floor, socket);
  }

  /**
   * After the video server restarted, or when a dropped page could not resume: the same session,
   * the same camera and microphone, new transports. While the server says it is restarting, it tries again.
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
        await connect(sessionId, local.current());
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
  async function connect(sessionId: string, capture: LocalCapture): Promise<'joined' | 'waiting'> {
    if (!socket) throw new Error('not connected');
    let ready!: () => void;
    mediaReady = new Promise<void>((resolve) => (ready = resolve));
    offered.clear();
    try {
      const prepared = await prepare(sessionId);
      const answer = await request(socket, 'room:join', { sessionId, media: MediaSession.joinRequest(prepared) });
      if (answer.status === 'waiting') return 'waiting';
      session.value = answer.session;
      peerId.value = answer.peerId;
      resumeToken = answer.resumeToken;
      floor.follow(answer.floor, socket);
      for (const peer of answer.peers) addParticipant(peer);
      media = new MediaSession(socket, prepared, answer.ice, (error) => (notice.value = problemFrom(error)));
      if (answer.media) {
        media.enter(answer.media);
        for (const consumer of answer.media.consumers) offered.set(consumer.producerId, consumer);
      } else await media.start();
      ready();
      // Receiving starts before sending: on a thin uplink, what this person sends must not hold up what they hear.
      const receiving = Promise.all(answer.peers.flatMap((peer) => peer.producers.map((producer) => receive(producer))));
      await local.sendOn(media, capture);
      await receiving;
      return 'joined';
    } finally {
      ready();
    }
  }

  function reset(): void {
    quality.stop();
    audioOnly.value = false;
    media?.close();
    media = null;
    local.release();
    participants.value = [];
    session.value = null;
    peerId.value = null;
    resumeToken = null;
    tileViews.clear();
    offered.clear();
    closedEarly.clear();
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
  // Signing out leaves the room first, while the account may still say goodbye.
  useAuthStore().beforeSignOut(async () => {
    if (status.value !== 'idle') await leave();
  });

  return {
    status,
    session,
    peerId,
    localStream: local.localStream,
    screenStream: local.screenStream,
    microphoneOn: local.microphoneOn,
    cameraOn: local.cameraOn,
    participants,
    problem,
    endedSession,
    notice,
    reconnecting,
    participantCount,
    join,
    leave,
    toggleMicrophone: local.toggleMicrophone,
    toggleCamera: local.toggleCamera,
    shareScreen: local.shareScreen,
    stopScreen: local.stopScreen,
    viewTile,
    prepare,
    probe,
    testConnection,
    audioOnly,
    toggleAudioOnly,
    ownQuality: quality.own,
    linkQuality: quality.byPeer,
    cameraAllowance: quality.camera,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useRoomStore, import.meta.hot));
