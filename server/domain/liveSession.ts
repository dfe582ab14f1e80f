import { Types } from 'mongoose';
import { CHAT_HISTORY, type AgendaPosition, type ChatMessageDto } from '../../shared/floor';
import { ChunkedList } from '../db/chunkedList';
import type { Models } from '../db/models';
import { LINES_PER_DOCUMENT, type Chat, type ChatLine } from '../db/models/chat';
import type { Actor } from './actor';
import { idOf } from './documents';
import { AppError, notFound } from './errors';

function toChatDto(message: ChatLine & { _id: Types.ObjectId }): ChatMessageDto {
  return {
    id: idOf(message._id),
    userId: idOf(message.userId),
    displayName: message.displayName,
    centerId: idOf(message.centerId),
    text: message.text,
    at: message.at.toISOString(),
  };
}

/** What a live session keeps beyond its video: the chat and the agenda item it is on. */
export class LiveSession {
  private readonly chatLines: ChunkedList<ChatLine & { _id: Types.ObjectId }, Chat>;

  constructor(
    private readonly models: Pick<Models, 'chats' | 'chatLines' | 'sessions'>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.chatLines = new ChunkedList(models.chats, models.chatLines, 'lines', LINES_PER_DOCUMENT);
  }

  async say(actor: Actor, sessionId: string, text: string): Promise<ChatMessageDto> {
    const line = { _id: new Types.ObjectId(), userId: new Types.ObjectId(actor.id), displayName: actor.name, centerId: new Types.ObjectId(actor.centerId), text, at: this.now() };
    await this.chatLines.append(sessionId, [line]);
    return toChatDto(line);
  }

  /** The latest messages, oldest first. */
  async chat(sessionId: string): Promise<ChatMessageDto[]> {
    const { entries } = await this.chatLines.read(sessionId, CHAT_HISTORY);
    return entries.slice(-CHAT_HISTORY).map(toChatDto);
  }

  async agendaPosition(sessionId: string): Promise<AgendaPosition> {
    return agendaPositionOf((await this.models.sessions.findById(sessionId, { currentAgendaItemId: 1, currentAgendaItemStartedAt: 1 }).lean()) ?? {});
  }

  /** Moves the whole room to an agenda item; its timer starts now. */
  async goTo(sessionId: string, itemId: string): Promise<AgendaPosition> {
    const startedAt = this.now();
    const updated = await this.models.sessions.updateOne({ _id: sessionId, 'agenda.id': itemId }, { $set: { currentAgendaItemId: itemId, currentAgendaItemStartedAt: startedAt } });
    if (updated.matchedCount === 0) {
      if (!(await this.models.sessions.exists({ _id: sessionId }))) throw notFound('session');
      throw new AppError('invalid_input', 'itemId: not an item of this session’s agenda', 'itemId');
    }
    return { itemId, startedAt: startedAt.toISOString() };
  }
}

/** Where a session's room is in its agenda, from the session as read. */
export function agendaPositionOf(session: { currentAgendaItemId?: string | null; currentAgendaItemStartedAt?: Date | null }): AgendaPosition {
  return { itemId: session.currentAgendaItemId ?? null, startedAt: session.currentAgendaItemStartedAt?.toISOString() ?? null };
}
