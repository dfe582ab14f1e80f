import type { Types } from 'mongoose';
import { calendarDayOf } from '../../shared/time';
import { isDuplicateKey } from '../db/failures';
import type { Models } from '../db/models';
import type { Actor } from './actor';
import type { AuditLog } from './auditLog';
import { idOf } from './documents';
import { AppError } from './errors';

/** Who changed a rule, and when, as the settings pages show it. */
export interface RuleChange {
  changedBy: string;
  changedByName: string;
  changedAt: string;
}

/** What of a rules collection's model is used: its rules in order, and today's written. */
interface RuleCollection {
  find(): { sort(order: { effectiveFrom: 1 }): { lean<T>(): PromiseLike<T> } };
  updateOne(filter: { effectiveFrom: string }, update: { $set: Record<string, unknown> }, options: { upsert: true }): PromiseLike<unknown>;
}

/** A rule as stored: its fields, the Mexico City day it takes effect (unique), who and when. */
type StoredRule<F> = F & { effectiveFrom: string; changedBy: Types.ObjectId; changedAt: Date };

/**
 * Rules of the network kept by the Mexico City day they take effect (commitments to families,
 * laboratory turnarounds): one per day, a second change the same day replacing the first, so a
 * clock keeps the rule of the day it started. Each change is audited as `entity` of that day.
 */
export class RulesByDay<F extends Record<string, unknown>> {
  constructor(
    private readonly collection: RuleCollection,
    private readonly users: Models['users'],
    private readonly audit: AuditLog,
    private readonly kept: {
      entity: string;
      /** The rule's own fields of a stored one (not its _id, day or changer). */
      fieldsOf: (stored: F) => F;
      /** The audit entry's summary, in Spanish: «compromisos desde 2026-12-01». */
      summaryFrom: (day: string) => string;
      /** What the losing coordinator of two changes at once is told. */
      conflict: string;
    },
    private readonly now: () => Date,
  ) {}

  /** The rules as the clocks read them, oldest first; none stored means the defaults. */
  async rules(): Promise<(F & { effectiveFrom: string })[]> {
    return (await this.stored()).map((rule) => ({ effectiveFrom: rule.effectiveFrom, ...this.kept.fieldsOf(rule) }));
  }

  /** Every rule there has been, oldest first, with who changed it. */
  async list(): Promise<(F & { effectiveFrom: string } & RuleChange)[]> {
    const stored = await this.stored();
    const changers = await this.users.find({ _id: { $in: [...new Set(stored.map((rule) => idOf(rule.changedBy)))] } }, { name: 1 }).lean();
    const nameOf = new Map(changers.map((user) => [idOf(user._id), user.name]));
    return stored.map((rule) => ({
      effectiveFrom: rule.effectiveFrom,
      ...this.kept.fieldsOf(rule),
      changedBy: idOf(rule.changedBy),
      changedByName: nameOf.get(idOf(rule.changedBy)) ?? '',
      changedAt: rule.changedAt.toISOString(),
    }));
  }

  /** Changes the rule from today (Mexico City) on, for an actor already authorized; answers every rule. */
  async set(actor: Actor, fields: F): Promise<(F & { effectiveFrom: string } & RuleChange)[]> {
    const now = this.now();
    const effectiveFrom = calendarDayOf(now);
    try {
      await this.collection.updateOne({ effectiveFrom }, { $set: { ...this.kept.fieldsOf(fields), changedBy: actor.id, changedAt: now } }, { upsert: true });
    } catch (error) {
      // Two coordinators starting today's rule at the same moment: one of them wins; the other reloads.
      if (isDuplicateKey(error)) throw new AppError('conflict', this.kept.conflict);
      throw error;
    }
    await this.audit.record(actor, 'update', this.kept.entity, effectiveFrom, this.kept.summaryFrom(effectiveFrom), { ...fields });
    return this.list();
  }

  private async stored(): Promise<StoredRule<F>[]> {
    return this.collection.find().sort({ effectiveFrom: 1 }).lean<StoredRule<F>[]>();
  }
}
