import type { CommitmentRule, CommitmentRuleDto } from '../../shared/pathway';
import type { CommitmentChange } from '../../shared/pathwaySchemas';
import type { Models } from '../db/models';
import { authorize, type Actor } from './actor';
import type { AuditLog } from './auditLog';
import { RulesByDay } from './rulesByDay';

/**
 * The network's commitments to families (days to diagnosis, days to treatment), kept with the day
 * each change took effect: a patient's clock keeps the rule of the day it started.
 */
export class CommitmentService {
  private readonly kept: RulesByDay<CommitmentChange>;

  constructor(models: Pick<Models, 'commitmentRules' | 'users'>, audit: AuditLog, now: () => Date = () => new Date()) {
    this.kept = new RulesByDay(
      models.commitmentRules,
      models.users,
      audit,
      {
        entity: 'commitments',
        fieldsOf: ({ diagnosisDays, treatmentDays }) => ({ diagnosisDays, treatmentDays }),
        summaryFrom: (day) => `compromisos desde ${day}`,
        conflict: 'someone else changed the commitments meanwhile; reload',
      },
      now,
    );
  }

  /** The rules as the clocks read them, oldest first; none stored means the network's defaults. */
  rules(): Promise<CommitmentRule[]> {
    return this.kept.rules();
  }

  /** Every rule the network has had, oldest first, with who changed it. */
  list(): Promise<CommitmentRuleDto[]> {
    return this.kept.list();
  }

  /** Changes the commitments from today (Mexico City) on; a second change the same day replaces the first. */
  set(actor: Actor, change: CommitmentChange): Promise<CommitmentRuleDto[]> {
    authorize(actor, 'commitments.set');
    return this.kept.set(actor, change);
  }
}
