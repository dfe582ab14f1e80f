import { describe, expect, it } from 'vitest';
import type { ChatMessageDto } from '../../shared/floor';
import { RoomChat } from '../../server/domain/roomChat';

const line = (id: number): ChatMessageDto => ({
  id: `l${id}`,
  userId: 'u',
  displayName: 'Dra. Ramírez',
  centerId: 'c',
  text: `Mensaje ${id}`,
  at: new Date(Date.UTC(2026, 11, 2, 16, 0, id)).toISOString(),
});
const texts = (lines: ChatMessageDto[]) => lines.map((kept) => kept.text);

/** A read of the record that answers only when told, and counts how often it was asked. */
function recordRead() {
  const reads: ((lines: ChatMessageDto[]) => void)[] = [];
  let count = 0;
  return {
    read: () => {
      count += 1;
      return new Promise<ChatMessageDto[]>((resolve) => reads.push(resolve));
    },
    get count() {
      return count;
    },
    answer: (lines: ChatMessageDto[]) => reads.shift()!(lines),
  };
}

describe('the chat a page entering the room is shown', () => {
  it('reads the record once for every page that enters, then adds each line said, keeping the latest', async () => {
    const chat = new RoomChat(3);
    const record = recordRead();
    const entering = [chat.lines(record.read), chat.lines(record.read)];
    record.answer([line(1), line(2)]);
    expect((await Promise.all(entering)).map(texts)).toEqual([
      ['Mensaje 1', 'Mensaje 2'],
      ['Mensaje 1', 'Mensaje 2'],
    ]);
    chat.said(line(3));
    chat.said(line(4));
    expect(texts(await chat.lines(record.read))).toEqual(['Mensaje 2', 'Mensaje 3', 'Mensaje 4']);
    expect(record.count).toBe(1);
  });

  it('shows a line said while the first read was under way once, whether that read found it or not', async () => {
    const found = new RoomChat(10);
    const first = recordRead();
    const entering = found.lines(first.read);
    found.said(line(2));
    found.said(line(3));
    first.answer([line(1), line(2)]);
    expect(texts(await entering)).toEqual(['Mensaje 1', 'Mensaje 2', 'Mensaje 3']);
    expect(texts(await found.lines(first.read))).toEqual(['Mensaje 1', 'Mensaje 2', 'Mensaje 3']);
  });

  it('keeps nothing said before anyone entered, which the first page reads from the record', async () => {
    const chat = new RoomChat(10);
    chat.said(line(1));
    expect(texts(await chat.lines(async () => [line(1)]))).toEqual(['Mensaje 1']);
  });

  it('reads the record again for the next page when a read failed', async () => {
    const chat = new RoomChat(10);
    await expect(chat.lines(() => Promise.reject(new Error('database unreachable')))).rejects.toThrow('database unreachable');
    chat.said(line(2));
    expect(texts(await chat.lines(async () => [line(1), line(2)]))).toEqual(['Mensaje 1', 'Mensaje 2']);
  });

  it('gives each page its own copy: what one page is given does not change with later lines', async () => {
    const chat = new RoomChat(10);
    const shown = await chat.lines(async () => [line(1)]);
    chat.said(line(2));
    await chat.lines(async () => []);
    expect(texts(shown)).toEqual(['Mensaje 1']);
  });
});
