import type { Types } from 'mongoose';
import type { CommitmentChange, CommitmentRule, CommitmentRuleDto } from '../../shared/pathway';
import { calendarDayOf } from '../../shared/time';
import { isDuplicateKey } from '../db/failures';
import type { Models } from '../db/models';
import type { CommitmentRuleDoc } from '../db/models/commitmentRule';
import { authorize, type Actor } from './actor';
import type { AuditLog } from './auditLog';
import { idOf } from './documents';
import { AppError } from './errors';

type StoredRule = CommitmentRuleDoc & { _id: Types.ObjectId };

/**
 * The network's commitments to families (days to diagnosis, days to treatment), kept with the day
 * each change took effect: a patient's clock keeps the rule of the day it started.
 */
export class CommitmentService {
  constructor(
    private readonly models: Pick<Models, 'commitmentRules' | 'users'>,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The rules as the clocks read them, oldest first; none stored means the network's defaults. */
  async rules(): Promise<CommitmentRule[]> {
    const stored = await this.stored();
    return stored.map(({ effectiveFrom, diagnosisDays, treatmentDays }) => ({ effectiveFrom, diagnosisDays, treatmentDays }));
  }

  /** Every rule the network has had, oldest first, with who changed it. */
  async list(): Promise<CommitmentRuleDto[]> {
    const stored = await this.stored();
    const changers = await this.models.users.find({ _id: { $in: [...new Set(stored.map((rule) => idOf(rule.changedBy)))] } }, { name: 1 }).lean();
    const nameOf = new Map(changers.map((user) => [idOf(user._id), user.name]));
    return stored.map((rule) => ({
      effectiveFrom: rule.effectiveFrom,
      diagnosisDays: rule.diagnosisDays,
      treatmentDays: rule.treatmentDays,
      changedBy: idOf(rule.changedBy),
      changedByName: nameOf.get(idOf(rule.changedBy)) ?? '',
      changedAt: rule.changedAt.toISOString(),
    }));
  }

  /** Changes the commitments from today (Mexico City) on; a second change the same day replaces the first. */
  async set(actor: Actor, change: CommitmentChange): Promise<CommitmentRuleDto[]> {
    authorize(actor, 'commitments.set');
    const now = this.now();
    const effectiveFrom = calendarDayOf(now);
    try {
      await this.models.commitmentRules.updateOne(
        { effectiveFrom },
        { $set: { diagnosisDays: change.diagnosisDays, treatmentDays: change.treatmentDays, changedBy: actor.id, changedAt: now } },
        { upsert: true },
      );
    } catch (error) {
      // Two coordinators starting today's rule at the same moment: one of them wins; the other reloads.
      if (isDuplicateKey(error)) throw new AppError('conflict', 'someone else changed the commitments meanwhile; reload');
      throw error;
    }
    await this.audit.record(actor, 'update', 'commitments', effectiveFrom, `compromisos desde ${effectiveFrom}`, { ...change });
    return this.list();
  }

  private stored(): Promise<StoredRule[]> {
    return this.models.commitmentRules.find().sort({ effectiveFrom: 1 }).lean<StoredRule[]>();
  }
}
