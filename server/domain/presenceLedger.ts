import type { Model } from 'mongoose';
import type { PresenceEvent } from '../db/models/presenceEvent';
import { errorFields, log } from '../logger';

/** Appends join and leave times, the raw material of attendance. */
export class PresenceLedger {
  constructor(private readonly events: Model<PresenceEvent>) {}

  /** A failed write is logged, not thrown: losing a presence line must not drop someone from the call. */
  async record(event: Omit<PresenceEvent, 'at'>): Promise<void> {
    try {
      await this.events.create({ ...event, at: new Date() });
    } catch (error) {
      log.error('presence event not recorded', { ...event, ...errorFields(error) });
    }
  }

  history(roomName: string): Promise<PresenceEvent[]> {
    return this.events.find({ roomName }).sort({ at: 1 }).lean<PresenceEvent[]>().exec();
  }
}
