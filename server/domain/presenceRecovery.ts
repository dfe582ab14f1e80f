import type { Models } from '../db/models';
import type { PresenceMarkDoc } from '../db/models/attendance';
import { idOf } from './documents';
import { LONE_INSTANCE, type PresenceLedger } from './presenceLedger';

/** An instance silent this long (it beats every minute) is taken for dead by the others. */
export const INSTANCE_SILENT_AFTER_MS = 3 * 60_000;

/**
 * Keeps the presence ledger honest across a crash: each server instance notes every minute that
 * it is alive. On its next start it closes the connections of its rooms that never recorded their
 * leave, at the last moment it was known to be running; and an instance that stays silent (gone
 * for good, or replaced) has its connections closed the same way by one of the others.
 */
export class PresenceRecovery {
  constructor(
    private readonly models: Pick<Models, 'sessions' | 'heartbeats'>,
    private readonly presence: PresenceLedger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get instance(): string {
    return this.presence.instance;
  }

  async beat(): Promise<void> {
    await this.models.heartbeats.updateOne({ _id: this.instance }, { $set: { at: this.now() } }, { upsert: true });
  }

  /** Run at start, before any room opens: every connection of this instance still "in" was cut by the stop. Returns how many were closed. */
  async closeDangling(): Promise<number> {
    const heartbeat = await this.models.heartbeats.findById(this.instance).lean();
    return heartbeat ? this.closeConnectionsOf(this.instance, heartbeat.at) : 0;
  }

  /**
   * Closes the connections of every other instance silent for `INSTANCE_SILENT_AFTER_MS`. Its
   * heartbeat is taken away first, so that of several instances doing this at once only one
   * closes them. Returns how many were closed.
   */
  async closeSilentInstances(): Promise<number> {
    const silentSince = new Date(this.now().getTime() - INSTANCE_SILENT_AFTER_MS);
    let closed = 0;
    for (const { _id } of await this.models.heartbeats.find({ _id: { $ne: this.instance }, at: { $lt: silentSince } }, { _id: 1 }).lean()) {
      const claimed = await this.models.heartbeats.findOneAndDelete({ _id, at: { $lt: silentSince } }).lean();
      if (claimed) closed += await this.closeConnectionsOf(claimed._id, claimed.at);
    }
    return closed;
  }

  private async closeConnectionsOf(instance: string, lastAlive: Date): Promise<number> {
    const live = await this.models.sessions.find({ status: 'live' }, { _id: 1 }).lean();
    let closed = 0;
    for (const session of live) {
      const sessionId = idOf(session._id);
      const lastOfPeer = new Map<string, PresenceMarkDoc>();
      for (const mark of await this.presence.history(sessionId)) lastOfPeer.set(mark.peerId, mark);
      const leaves = [...lastOfPeer.values()]
        .filter((mark) => mark.kind === 'join' && (mark.instance ?? LONE_INSTANCE) === instance)
        .map((join) => ({ ...join, instance, userId: idOf(join.userId), centerId: idOf(join.centerId), kind: 'leave' as const, at: join.at > lastAlive ? join.at : lastAlive }));
      if (leaves.length) await this.presence.append(sessionId, leaves);
      closed += leaves.length;
    }
    return closed;
  }
}
