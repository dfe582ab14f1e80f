import type { SessionKind } from '../../shared/sessions';
import type { Peer } from '../media/peer';
import type { Room } from '../media/room';

/** A socket's place in a room: its peer, the session's summary for the page, and the secret that resumes it. */
export interface Membership {
  room: Room;
  peer: Peer;
  session: { id: string; number: number; title: string };
  /** What the room may tell an invited guest depends on it (see RoomConnection's signal). */
  sessionKind: SessionKind;
  resumeToken: string;
  stopWatching: () => void;
}

/** Whoever holds a membership now: a live socket, or one that dropped and waits out its grace. */
export interface MembershipHolder {
  readonly userId: string;
  membership(): Membership | undefined;
  /** Gives the membership up, without a leave, to the account's next socket. */
  handOver(): Membership | undefined;
  /** Whether its socket dropped and the peer waits out its grace. */
  readonly dropped: boolean;
  /** Ends a dropped membership now: the peer leaves, as of when its link dropped. */
  expire(): void;
}

/**
 * Every membership in a room by its resume token, so that a page whose link dropped takes its
 * peer back on its next socket, whether or not the server has noticed the old one is gone.
 */
export class ResumableMemberships {
  private readonly holders = new Map<string, MembershipHolder>();

  hold(token: string, holder: MembershipHolder): void {
    this.holders.set(token, holder);
  }

  release(token: string, holder: MembershipHolder): void {
    if (this.holders.get(token) === holder) this.holders.delete(token);
  }

  /**
   * The account's memberships of a session whose link dropped. A page of the same account that
   * enters anew (the tab reloaded or reopened, the laptop restarted) replaces them: otherwise the
   * others would see the person twice, once frozen, until the grace ran out.
   */
  droppedOf(userId: string, sessionId: string): MembershipHolder[] {
    return [...this.holders.values()].filter((holder) => holder.dropped && holder.userId === userId && holder.membership()?.room.sessionId === sessionId);
  }

  /** The membership the token names, handed over, when it is the same account's, room and peer. */
  take(token: string, userId: string, sessionId: string, peerId: string): Membership | undefined {
    const holder = this.holders.get(token);
    const held = holder?.membership();
    if (!holder || !held || holder.userId !== userId || held.room.sessionId !== sessionId || held.peer.id !== peerId) return undefined;
    if (held.room.closed || held.peer.closed) return undefined;
    this.holders.delete(token);
    return holder.handOver();
  }
}
