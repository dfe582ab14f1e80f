import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessageDto, FloorState } from '../../../shared/floor';
import { useFloorStore } from '../../../client/stores/floor';
import { FakeSocket } from './fakeSocket';

/** The floor as the join answers it: a new one each time, as the store keeps and grows it. */
const entered = (): FloorState => ({ hands: [], chat: [], agenda: { itemId: null, startedAt: null }, locked: false, waiting: [], activeSpeakerPeerId: null, viewer: null });

const line = (id: string, text: string): ChatMessageDto => ({
  id,
  userId: `author-of-${id}`,
  displayName: 'Dr. Experto',
  centerId: 'center-1',
  text,
  at: '2026-11-30T16:00:00.000Z',
});

let server: FakeSocket;
let floor: ReturnType<typeof useFloorStore>;

beforeEach(() => {
  setActivePinia(createPinia());
  server = new FakeSocket();
  floor = useFloorStore();
  floor.follow(entered(), server.socket);
});

describe('the floor of the room one is in', () => {
  it('shows a chat line said here from the answer, and the others’ from the notifications', async () => {
    server.answerWith('chat:send', line('mine', '¿Se cuenta con PET-CT?'));
    await floor.say('¿Se cuenta con PET-CT?');
    server.notify('chat:message', line('theirs', 'Sí, desde ayer'));
    expect(floor.chat.map((message) => message.id)).toEqual(['mine', 'theirs']);
  });

  it('keeps the chat as it was when a line is refused', async () => {
    server.refuse('chat:send', { code: 'rate_limited', message: 'too many requests: slow down', reason: 'too_fast' });
    await expect(floor.say('otra vez')).rejects.toMatchObject({ reason: 'too_fast' });
    expect(floor.chat).toEqual([]);
  });

  it('moves to the agenda item the coordinator chose here, or elsewhere', async () => {
    server.answerWith('agenda:goTo', { itemId: 'item-1', startedAt: '2026-11-30T16:00:00.000Z' });
    await floor.goTo('item-1');
    expect(floor.agenda.itemId).toBe('item-1');
    server.notify('agenda:current', { itemId: 'item-2', startedAt: '2026-11-30T16:20:00.000Z' });
    expect(floor.agenda.itemId).toBe('item-2');
  });
});
