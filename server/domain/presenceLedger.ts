import type { Models } from '../db/models';
import type { PresenceEvent } from '../db/models/presenceEvent';
import { errorFields, log } from '../logger';

export interface PresenceInput {
  sessionId: string;
  userId: string;
  centerId: string;
  peerId: string;
  displayName: string;
  kind: 'join' | 'leave';
}

/** Appends join and leave times, the raw material of attendance. */
export class PresenceLedger {
  constructor(private readonly events: Models['presenceEvents']) {}

  /** A failed write is logged, not thrown: losing a presence line must not drop someone from the call. */
  async record(event: PresenceInput): Promise<void> {
    try {
      await this.events.create({ ...event, at: new Date() });
    } catch (error) {
      log.error('presence event not recorded', { ...event, ...errorFields(error) });
    }
  }

  history(sessionId: string): Promise<PresenceEvent[]> {
    return this.events.find({ sessionId }).sort({ at: 1 }).lean<PresenceEvent[]>().exec();
  }
}
