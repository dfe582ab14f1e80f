import type { Models } from '../db/models';
import type { PresenceMarkDoc } from '../db/models/attendance';
import { idOf } from './documents';
import type { PresenceLedger } from './presenceLedger';

const SERVER = 'server';

/**
 * Keeps the presence ledger honest across a crash: the server notes every minute that it is
 * alive, and on the next start closes the connections that never recorded their leave at the
 * last moment it was known to be running.
 */
export class PresenceRecovery {
  constructor(
    private readonly models: Pick<Models, 'sessions' | 'heartbeats'>,
    private readonly presence: PresenceLedger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async beat(): Promise<void> {
    await this.models.heartbeats.updateOne({ _id: SERVER }, { $set: { at: this.now() } }, { upsert: true });
  }

  /** Run at start, before any room opens: every connection still "in" was cut by the stop. Returns how many were closed. */
  async closeDangling(): Promise<number> {
    const heartbeat = await this.models.heartbeats.findById(SERVER).lean();
    const live = await this.models.sessions.find({ status: 'live' }, { _id: 1 }).lean();
    if (!heartbeat || live.length === 0) return 0;
    let closed = 0;
    for (const session of live) {
      const sessionId = idOf(session._id);
      const lastOfPeer = new Map<string, PresenceMarkDoc>();
      for (const mark of await this.presence.history(sessionId)) lastOfPeer.set(mark.peerId, mark);
      const leaves = [...lastOfPeer.values()]
        .filter((mark) => mark.kind === 'join')
        .map((join) => ({ ...join, userId: idOf(join.userId), centerId: idOf(join.centerId), kind: 'leave' as const, at: join.at > heartbeat.at ? join.at : heartbeat.at }));
      if (leaves.length) await this.presence.append(sessionId, leaves);
      closed += leaves.length;
    }
    return closed;
  }
}
