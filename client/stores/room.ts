import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import type { PeerInfo, ProducerInfo } from '../../shared/media';
import { MediaSession } from '../media/mediaSession';
import { appSocket, request, RequestError, type AppClientSocket } from '../services/socket';

export interface Participant {
  peerId: string;
  displayName: string;
  /** One stream per participant that collects their received tracks. */
  stream: MediaStream;
  consumerIds: string[];
}

export type RoomStatus = 'idle' | 'joining' | 'joined';

/** What the UI shows of a failure: a translation key with its values, and the field to blame. */
export interface RoomProblem {
  key: string;
  values?: Record<string, string>;
  field?: string;
}

export function problemFrom(error: unknown): RoomProblem {
  if (error instanceof RequestError) {
    if (error.code === 'invalid_input' && error.field) return { key: `join.fieldErrors.${error.field}`, field: error.field };
    return { key: `errors.${error.code}`, values: { message: error.message } };
  }
  return { key: 'errors.media_error', values: { message: error instanceof Error ? error.message : String(error) } };
}

export const useRoomStore = defineStore('room', () => {
  const status = ref<RoomStatus>('idle');
  const roomName = ref('');
  const displayName = ref('');
  const localStream = shallowRef<MediaStream | null>(null);
  const participants = ref<Participant[]>([]);
  const problem = ref<RoomProblem | null>(null);
  const notice = ref<RoomProblem | null>(null);

  let socket: AppClientSocket | null = null;
  let media: MediaSession | null = null;
  let unlisten: (() => void) | null = null;

  const participantCount = computed(() => participants.value.length + (status.value === 'joined' ? 1 : 0));

  function participant(peerId: string): Participant | undefined {
    return participants.value.find((candidate) => candidate.peerId === peerId);
  }

  function addParticipant(peer: Pick<PeerInfo, 'peerId' | 'displayName'>): void {
    if (participant(peer.peerId)) return;
    participants.value.push({ peerId: peer.peerId, displayName: peer.displayName, stream: markRaw(new MediaStream()), consumerIds: [] });
  }

  function removeParticipant(peerId: string): void {
    const leaving = participant(peerId);
    if (!leaving) return;
    for (const consumerId of leaving.consumerIds) media?.closeConsumer(consumerId);
    participants.value = participants.value.filter((candidate) => candidate.peerId !== peerId);
  }

  async function receive(producer: ProducerInfo): Promise<void> {
    if (!media) return;
    try {
      const received = await media.consume(producer.producerId);
      const owner = participant(received.peerId);
      if (!owner) {
        media.closeConsumer(received.consumerId);
        return;
      }
      owner.stream.addTrack(received.track);
      owner.consumerIds.push(received.consumerId);
    } catch (error) {
      notice.value = problemFrom(error);
    }
  }

  function dropConsumer(consumerId: string): void {
    for (const owner of participants.value) {
      if (!owner.consumerIds.includes(consumerId)) continue;
      owner.consumerIds = owner.consumerIds.filter((id) => id !== consumerId);
    }
    media?.closeConsumer(consumerId);
  }

  /** Room events on the shared socket; returns how to stop listening, leaving its other listeners alone. */
  function listen(target: AppClientSocket): () => void {
    const onPeerJoined = (peer: PeerInfo) => addParticipant(peer);
    const onPeerLeft = ({ peerId }: { peerId: string }) => removeParticipant(peerId);
    const onProducerAdded = (producer: ProducerInfo) => void receive(producer);
    const onConsumerClosed = ({ consumerId }: { consumerId: string }) => dropConsumer(consumerId);
    const onRoomClosed = ({ reason }: { reason: string }) => {
      reset();
      problem.value = { key: 'room.closed', values: { reason } };
    };
    const onDisconnect = (reason: string) => {
      if (reason === 'io client disconnect' || status.value === 'idle') return;
      reset();
      problem.value = { key: 'errors.disconnected' };
    };
    target.on('room:peerJoined', onPeerJoined);
    target.on('room:peerLeft', onPeerLeft);
    target.on('room:producerAdded', onProducerAdded);
    target.on('media:consumerClosed', onConsumerClosed);
    target.on('room:closed', onRoomClosed);
    target.on('disconnect', onDisconnect);
    return () => {
      target.off('room:peerJoined', onPeerJoined);
      target.off('room:peerLeft', onPeerLeft);
      target.off('room:producerAdded', onProducerAdded);
      target.off('media:consumerClosed', onConsumerClosed);
      target.off('room:closed', onRoomClosed);
      target.off('disconnect', onDisconnect);
    };
  }

  async function openCamera(): Promise<MediaStream | null> {
    try {
      return await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 360 } });
    } catch {
      notice.value = { key: 'room.noCamera' };
      return null;
    }
  }

  async function join(name: string, display: string): Promise<void> {
    if (status.value !== 'idle') return;
    status.value = 'joining';
    problem.value = null;
    notice.value = null;
    socket = appSocket();
    unlisten = listen(socket);
    try {
      const joined = await request(socket, 'room:join', { roomName: name, displayName: display });
      roomName.value = name;
      displayName.value = display;
      for (const peer of joined.peers) addParticipant(peer);
      media = new MediaSession(socket);
      await media.start(joined.routerRtpCapabilities);
      const stream = await openCamera();
      if (stream) {
        localStream.value = markRaw(stream);
        await media.publish(stream);
      }
      status.value = 'joined';
      await Promise.all(joined.peers.flatMap((peer) => peer.producers.map((producer) => receive(producer))));
    } catch (error) {
      reset();
      problem.value = problemFrom(error);
    }
  }

  function reset(): void {
    media?.close();
    media = null;
    for (const track of localStream.value?.getTracks() ?? []) track.stop();
    localStream.value = null;
    participants.value = [];
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

  return { status, roomName, displayName, localStream, participants, problem, notice, participantCount, join, leave };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useRoomStore, import.meta.hot));
