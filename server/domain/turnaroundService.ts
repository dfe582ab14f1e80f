import { studyTypes, turnaroundsOn, type StudyType, type Turnaround, type TurnaroundRule, type TurnaroundRuleDto } from '../../shared/studies';
import type { TurnaroundChange } from '../../shared/studySchemas';
import { calendarDayOf } from '../../shared/time';
import type { Models } from '../db/models';
import { authorize, type Actor } from './actor';
import type { AuditLog } from './auditLog';
import { RulesByDay } from './rulesByDay';

type Turnarounds = Pick<TurnaroundRule, 'turnarounds'>;

/** Only the study types and the two fields of each, whatever else the stored document carries. */
const turnaroundsOf = ({ turnarounds }: Turnarounds): Turnarounds => ({
  turnarounds: Object.fromEntries(studyTypes.map((type) => [type, { amount: turnarounds[type].amount, unit: turnarounds[type].unit }])) as Record<StudyType, Turnaround>,
});

/**
 * The reference laboratories' turnaround per study type, kept with the day each change took effect:
 * a study keeps the turnaround in force on the day it was sent (stored with it).
 */
export class TurnaroundService {
  private readonly kept: RulesByDay<Turnarounds>;

  constructor(models: Pick<Models, 'turnaroundRules' | 'users'>, audit: AuditLog, now: () => Date = () => new Date()) {
    this.kept = new RulesByDay(
      models.turnaroundRules,
      models.users,
      audit,
      {
        entity: 'turnarounds',
        fieldsOf: turnaroundsOf,
        summaryFrom: (day) => `tiempos de respuesta de laboratorio desde ${day}`,
        conflict: 'someone else changed the turnarounds meanwhile; reload',
      },
      now,
    );
  }

  /** Every rule the network has had, oldest first, with who changed it. */
  list(): Promise<TurnaroundRuleDto[]> {
    return this.kept.list();
  }

  /** The turnaround of a study of `type` sent at `sentAt`: the one in force on its Mexico City day. */
  async turnaroundFor(type: StudyType, sentAt: Date): Promise<Turnaround> {
    return turnaroundsOn(await this.kept.rules(), calendarDayOf(sentAt)).turnarounds[type];
  }

  /** Changes every type's turnaround from today (Mexico City) on; a second change the same day replaces the first. */
  set(actor: Actor, change: TurnaroundChange): Promise<TurnaroundRuleDto[]> {
    authorize(actor, 'commitments.set');
    return this.kept.set(actor, { turnarounds: change });
  }
}
