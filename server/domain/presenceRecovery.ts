import type { Models } from '../db/models';
import { idOf } from './documents';

const SERVER = 'server';

/**
 * Keeps the presence ledger honest across a crash: the server notes every minute that it is
 * alive, and on the next start closes the connections that never recorded their leave at the
 * last moment it was known to be running.
 */
export class PresenceRecovery {
  constructor(
    private readonly models: Pick<Models, 'presenceEvents' | 'sessions' | 'heartbeats'>,
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
    const events = await this.models.presenceEvents.find({ sessionId: { $in: live.map((session) => session._id) } }).sort({ at: 1 }).lean();
    const lastOfPeer = new Map<string, (typeof events)[number]>();
    for (const event of events) lastOfPeer.set(`${idOf(event.sessionId)}:${event.peerId}`, event);
    const leaves = [...lastOfPeer.values()]
      .filter((event) => event.kind === 'join')
      .map(({ _id, ...join }) => ({ ...join, kind: 'leave' as const, at: join.at > heartbeat.at ? join.at : heartbeat.at }));
    if (leaves.length) await this.models.presenceEvents.insertMany(leaves);
    return leaves.length;
  }
}
