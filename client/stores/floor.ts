import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref } from 'vue';
import type { AgendaPosition, ChatMessageDto, FloorState, RaisedHand, SharedViewer, WaitingPerson } from '../../shared/floor';
import { appSocket, request, subscribe } from '../services/socket';

/** The shared floor of the room the person is in: hands, chat, agenda position, door and lobby. */
export const useFloorStore = defineStore('floor', () => {
  const hands = ref<RaisedHand[]>([]);
  const chat = ref<ChatMessageDto[]>([]);
  const agenda = ref<AgendaPosition>({ itemId: null, startedAt: null });
  const locked = ref(false);
  const waiting = ref<WaitingPerson[]>([]);
  const activeSpeakerPeerId = ref<string | null>(null);
  const viewer = ref<SharedViewer | null>(null);
  let stops: (() => void)[] = [];

  /** Starts following a room's floor from the state the join returned. */
  function follow(state: FloorState): void {
    unfollow();
    hands.value = state.hands;
    chat.value = state.chat;
    agenda.value = state.agenda;
    locked.value = state.locked;
    waiting.value = state.waiting;
    activeSpeakerPeerId.value = state.activeSpeakerPeerId;
    viewer.value = state.viewer;
    const socket = appSocket();
    stops = [
      subscribe(socket, 'hand:queue', (event) => (hands.value = event.hands)),
      subscribe(socket, 'chat:message', (message) => chat.value.push(message)),
      subscribe(socket, 'agenda:current', (position) => (agenda.value = position)),
      subscribe(socket, 'room:locked', (event) => (locked.value = event.locked)),
      subscribe(socket, 'lobby:waiting', (event) => (waiting.value = event.waiting)),
      subscribe(socket, 'room:activeSpeaker', (event) => (activeSpeakerPeerId.value = event.peerId)),
      subscribe(socket, 'viewer:state', (state) => (viewer.value = state)),
    ];
  }

  function unfollow(): void {
    stops.forEach((stop) => stop());
    stops = [];
    hands.value = [];
    chat.value = [];
    waiting.value = [];
    activeSpeakerPeerId.value = null;
    viewer.value = null;
  }

  const socket = () => appSocket();
  return {
    hands,
    chat,
    agenda,
    locked,
    waiting,
    activeSpeakerPeerId,
    viewer,
    follow,
    unfollow,
    raiseHand: (raised: boolean) => request(socket(), 'hand:raise', { raised }),
    lowerHand: (peerId: string) => request(socket(), 'hand:lower', { peerId }),
    say: (text: string) => request(socket(), 'chat:send', { text }),
    goTo: (itemId: string) => request(socket(), 'agenda:goTo', { itemId }),
    lock: (value: boolean) => request(socket(), 'room:lock', { locked: value }),
    admit: (userId: string) => request(socket(), 'lobby:admit', { userId }),
    stopMedia: (peerId: string, source: 'microphone' | 'camera') => request(socket(), 'moderation:stopMedia', { peerId, source }),
    remove: (peerId: string) => request(socket(), 'moderation:remove', { peerId }),
    showFile: (caseId: string, attachmentId: string) => request(socket(), 'viewer:open', { caseId, attachmentId }),
    moveFile: (view: { page: number; zoom: number; x: number; y: number }) => request(socket(), 'viewer:update', view),
    closeFile: () => request(socket(), 'viewer:close', {}),
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useFloorStore, import.meta.hot));
