import { Types } from 'mongoose';
import type { AgendaPosition, ChatMessageDto } from '../../shared/floor';
import type { Models } from '../db/models';
import type { ChatLine } from '../db/models/chat';
import type { Actor } from './actor';
import { idOf } from './documents';
import { AppError, notFound } from './errors';

const CHAT_HISTORY = 200;

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
  constructor(
    private readonly models: Pick<Models, 'chats' | 'sessions'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async say(actor: Actor, sessionId: string, text: string): Promise<ChatMessageDto> {
    const line = { _id: new Types.ObjectId(), userId: new Types.ObjectId(actor.id), displayName: actor.name, centerId: new Types.ObjectId(actor.centerId), text, at: this.now() };
    await this.models.chats.updateOne({ _id: sessionId }, { $push: { lines: line } }, { upsert: true, runValidators: true });
    return toChatDto(line);
  }

  /** The latest messages, oldest first. */
  async chat(sessionId: string): Promise<ChatMessageDto[]> {
    const chat = await this.models.chats.findById(sessionId).lean();
    return (chat?.lines ?? []).slice(-CHAT_HISTORY).map(toChatDto);
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
