import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref } from 'vue';
import type { z } from 'zod';
import type { AgendaPosition, ChatMessageDto, FloorState, RaisedHand, SharedViewer, viewerUpdateRequestSchema, WaitingPerson } from '../../shared/floor';
import { followedSocket } from '../services/followedSocket';
import { appSocket, subscribe, type AppClientSocket } from '../services/socket';

/** Where the presenter has the shown file: page (or slice), zoom, scroll and, for DICOM, the window. */
type ViewerView = z.input<typeof viewerUpdateRequestSchema>;

/**
 * The shared floor of the room the person is in: hands, chat, agenda position, door and lobby.
 * What this person changes comes back in the answer to their request; the others' changes, as
 * notifications (see ServerToClientEvents).
 */
export const useFloorStore = defineStore('floor', () => {
  const hands = ref<RaisedHand[]>([]);
  const chat = ref<ChatMessageDto[]>([]);
  const agenda = ref<AgendaPosition>({ itemId: null, startedAt: null });
  const locked = ref(false);
  const waiting = ref<WaitingPerson[]>([]);
  const activeSpeakerPeerId = ref<string | null>(null);
  const viewer = ref<SharedViewer | null>(null);
  const socket = followedSocket();
  const ask = socket.ask;

  /** Starts following a room's floor on `target` from the state the join returned. */
  function follow(state: FloorState, target: AppClientSocket = appSocket()): void {
    unfollow();
    hands.value = state.hands;
    chat.value = state.chat;
    agenda.value = state.agenda;
    locked.value = state.locked;
    waiting.value = state.waiting;
    activeSpeakerPeerId.value = state.activeSpeakerPeerId;
    viewer.value = state.viewer;
    socket.follow(target, (on) => [
      subscribe(on, 'hand:queue', (event) => (hands.value = event.hands)),
      subscribe(on, 'chat:message', (message) => chat.value.push(message)),
      subscribe(on, 'agenda:current', (position) => (agenda.value = position)),
      subscribe(on, 'room:locked', (event) => (locked.value = event.locked)),
      subscribe(on, 'lobby:waiting', (event) => (waiting.value = event.waiting)),
      subscribe(on, 'room:activeSpeaker', (event) => (activeSpeakerPeerId.value = event.peerId)),
      subscribe(on, 'viewer:state', (state) => (viewer.value = state)),
    ]);
  }

  function unfollow(): void {
    socket.unfollow();
    hands.value = [];
    chat.value = [];
    waiting.value = [];
    activeSpeakerPeerId.value = null;
    viewer.value = null;
  }

  async function say(text: string): Promise<void> {
    chat.value.push(await ask('chat:send', { text }));
  }

  async function goTo(itemId: string): Promise<void> {
    agenda.value = await ask('agenda:goTo', { itemId });
  }

  async function showFile(caseId: string, attachmentId: string): Promise<void> {
    viewer.value = await ask('viewer:open', { caseId, attachmentId });
  }

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
    say,
    goTo,
    showFile,
    raiseHand: (raised: boolean) => ask('hand:raise', { raised }),
    lowerHand: (peerId: string) => ask('hand:lower', { peerId }),
    lock: (value: boolean) => ask('room:lock', { locked: value }),
    admit: (userId: string) => ask('lobby:admit', { userId }),
    stopMedia: (peerId: string, source: 'microphone' | 'camera') => ask('moderation:stopMedia', { peerId, source }),
    remove: (peerId: string) => ask('moderation:remove', { peerId }),
    moveFile: (view: ViewerView) => ask('viewer:update', view),
    closeFile: () => ask('viewer:close', {}),
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useFloorStore, import.meta.hot));
