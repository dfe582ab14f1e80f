import { can } from '../../shared/permissions';
import { ROOM_OPENS_MINUTES_BEFORE } from '../../shared/room';
import { isHeld, type SessionKind } from '../../shared/sessions';
import type { AgendaPosition } from '../../shared/floor';
import type { Models } from '../db/models';
import { agendaPositionOf } from './liveSession';
import { type Actor } from './actor';
import { AppError, conflictBecause } from './errors';
import { guestLinkWindow, linkState } from './guestLinks';
import type { SessionDoc, SessionService } from './sessionService';

export interface RoomTicket {
  sessionId: string;
  number: number;
  title: string;
  kind: SessionKind;
  /** Where the room is in its agenda, as read on entering. */
  agenda: AgendaPosition;
}

/**
 * Who may enter a session's live room, and when: invited centres from shortly before the start
 * until the session ends; coordinators earlier, to prepare. The first entry marks it live.
 */
export class RoomAccess {
  constructor(
    private readonly models: Pick<Models, 'sessions'>,
    private readonly sessions: SessionService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async admit(actor: Actor, sessionId: string): Promise<RoomTicket> {
    const session = await this.sessions.visible(actor, sessionId);
    if (session.status === 'cancelled') throw new AppError('conflict', 'the session was cancelled');
    if (isHeld(session)) throw new AppError('conflict', 'the session has ended');
    if (actor.guest) this.withinLink(session);
    const opensAt = new Date(session.startsAt.getTime() - ROOM_OPENS_MINUTES_BEFORE * 60_000);
    if (session.status === 'scheduled' && this.now() < opensAt && !can(actor, 'room.enterEarly')) {
      throw new AppError('conflict', `the room opens at ${opensAt.toISOString()}`);
    }
    if (session.status === 'scheduled' && this.now() >= opensAt) {
      const opened = await this.models.sessions.updateOne({ _id: session._id, status: 'scheduled' }, { $set: { status: 'live' }, $inc: { version: 1 } });
      if (opened.modifiedCount > 0) await this.sessions.announce(sessionId, 'opened', actor);
    }
    return { sessionId, number: session.number, title: session.title, kind: session.kind, agenda: agendaPositionOf(session) };
  }

  /** A guest enters only while their link works (their sign-in outlives no session, but a session may be moved). */
  private withinLink(session: SessionDoc): void {
    const state = linkState(session, this.now());
    if (state === 'not_open') {
      const { opensAt } = guestLinkWindow(session);
      throw conflictBecause('link_not_open', `the invitation link works from ${opensAt.toISOString()}`, opensAt);
    }
    if (state === 'closed') throw conflictBecause('link_closed', 'the invitation link no longer works: the session is over');
  }
}
