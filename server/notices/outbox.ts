import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import type { NoticeKind } from '../../shared/notices';
import { onlyDuplicateKeys } from '../db/failures';
import type { Models } from '../db/models';
import type { Notice } from '../db/models/notice';
import type { MessageContent } from './messages';

/** A notice decided on: what it tells, about which version of what, to whom. */
export interface NoticeDraft extends MessageContent {
  kind: NoticeKind;
  subjectId: string;
  subjectVersion: number;
  userId: string;
  to: string;
}

export type NoticeDoc = Notice & { _id: Types.ObjectId };

export interface OutboxSettings {
  retryBaseMs: number;
  maxAttempts: number;
  /** How long a sender holds a notice it took: past it, its server is taken for dead and another sender takes it over. */
  leaseMs?: number;
}

const DEFAULT_LEASE_MS = 2 * 60_000;
const MAX_RETRY_WAIT_MS = 6 * 60 * 60_000;

/** Kinds whose message carries a link that opens the app without an account: kept only until sent or given up. */
const CARRIES_A_KEY: readonly NoticeKind[] = ['guest_invitation'];
const FORGOTTEN = '(mensaje con enlace de acceso: no se guarda una vez enviado)';
/** The changes that drop such a message's text and calendar (the calendar's description holds the link too). */
const linkForgotten = (notice: Pick<NoticeDoc, 'kind'>) =>
  CARRIES_A_KEY.includes(notice.kind) ? { $set: { text: FORGOTTEN, html: FORGOTTEN }, $unset: { calendar: 1 as const } } : { $set: {}, $unset: {} };

/** The one key of a notice: the same news to the same person is queued once, whoever decides it and how often. */
export const noticeKey = (draft: Pick<NoticeDraft, 'kind' | 'subjectId' | 'subjectVersion' | 'userId'>) =>
  `${draft.kind}:${draft.subjectId}:${draft.subjectVersion}:${draft.userId}`;

/** The notices collection as a queue: queued once, taken by one sender at a time, retried with backoff. */
export class Outbox {
  private readonly leaseMs: number;

  constructor(
    private readonly models: Pick<Models, 'notices'>,
    private readonly settings: OutboxSettings,
  ) {
    this.leaseMs = settings.leaseMs ?? DEFAULT_LEASE_MS;
  }

  /** Queues the drafts whose key is new; returns how many were. */
  async enqueue(drafts: NoticeDraft[], now = new Date()): Promise<number> {
    if (!drafts.length) return 0;
    const operations = drafts.map((draft) => ({
      updateOne: {
        filter: { key: noticeKey(draft) },
        update: { $setOnInsert: { ...draft, key: noticeKey(draft), status: 'pending', attempts: 0, nextAttemptAt: now } },
        upsert: true,
      },
    }));
    try {
      return (await this.models.notices.bulkWrite(operations, { ordered: false })).upsertedCount;
    } catch (error) {
      // Keys already queued: two servers decided the same notice at once.
      if (onlyDuplicateKeys(error)) return 0;
      throw error;
    }
  }

  /**
   * Takes the notice due first, if any, for one sender: the conditional update lets exactly one
   * sender have it, across servers. A notice whose sender's lease ran out (its server stopped
   * mid-send) is due again.
   */
  async claim(now = new Date()): Promise<NoticeDoc | null> {
    return this.models.notices
      .findOneAndUpdate(
        {
          $or: [
            { status: 'pending', nextAttemptAt: { $lte: now } },
            { status: 'sending', leaseUntil: { $lte: now } },
          ],
        },
        { $set: { status: 'sending', claimToken: randomUUID(), leaseUntil: new Date(now.getTime() + this.leaseMs) }, $inc: { attempts: 1 } },
        { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
      )
      .lean<NoticeDoc>();
  }

  async sent(notice: NoticeDoc, now = new Date()): Promise<void> {
    await this.models.notices.updateOne(
      { _id: notice._id, claimToken: notice.claimToken },
      { $set: { status: 'sent', sentAt: now, ...linkForgotten(notice).$set }, $unset: { claimToken: 1, leaseUntil: 1, ...linkForgotten(notice).$unset } },
    );
  }

  /**
   * Records a failed attempt: due again after a wait that doubles each time, or given up after the
   * last attempt, or at once when the refusal is `permanent` (no such mailbox: trying again changes nothing).
   */
  async failed(notice: NoticeDoc, error: string, permanent: boolean, now = new Date()): Promise<{ givenUp: boolean; nextAttemptAt?: Date }> {
    const givenUp = permanent || notice.attempts >= this.settings.maxAttempts;
    const nextAttemptAt = new Date(now.getTime() + Math.min(this.settings.retryBaseMs * 2 ** (notice.attempts - 1), MAX_RETRY_WAIT_MS));
    await this.models.notices.updateOne(
      { _id: notice._id, claimToken: notice.claimToken },
      {
        $set: { status: givenUp ? 'failed' : 'pending', lastError: error.slice(0, 1000), ...(givenUp ? linkForgotten(notice).$set : { nextAttemptAt }) },
        $unset: { claimToken: 1, leaseUntil: 1, ...(givenUp ? linkForgotten(notice).$unset : {}) },
      },
    );
    return givenUp ? { givenUp } : { givenUp, nextAttemptAt };
  }

  /** When the next notice falls due (pending, or held by a sender whose lease may run out); undefined with none left. */
  async nextDueAt(): Promise<Date | undefined> {
    const [pending, held] = await Promise.all([
      this.models.notices.findOne({ status: 'pending' }, { nextAttemptAt: 1 }).sort({ nextAttemptAt: 1 }).lean(),
      this.models.notices.findOne({ status: 'sending' }, { leaseUntil: 1 }).sort({ leaseUntil: 1 }).lean(),
    ]);
    const times = [pending?.nextAttemptAt, held?.leaseUntil].filter((time): time is Date => Boolean(time));
    return times.length ? new Date(Math.min(...times.map((time) => time.getTime()))) : undefined;
  }
}
