import {
  FOLLOW_THROUGH_DUE_DAYS,
  OUTCOME_GRACE_DAYS,
  OUTCOME_REMINDER_DAYS,
  type CaseFollowUpDto,
  type CheckpointDto,
  type CheckpointState,
  type FollowThroughState,
} from '../shared/followUp';
import { addDays, daysBetween } from '../shared/pathway';
import { formatDate } from './format';
import { i18n } from './i18n';

const t = i18n.global.t;
const days = (count: number) => t('followUp.days', count);
const short = (day: string) => formatDate(day, 'medium');

/** The last day the follow-through is expected, and a checkpoint's: after it they read as overdue. */
export const followThroughDeadline = (confirmedOn: string) => addDays(confirmedOn, FOLLOW_THROUGH_DUE_DAYS);
export const checkpointDeadline = (checkpoint: Pick<CheckpointDto, 'dueOn'>) => addDays(checkpoint.dueOn, OUTCOME_GRACE_DAYS);
/** From this day the centre is asked for a checkpoint. */
export const checkpointAskedFrom = (checkpoint: Pick<CheckpointDto, 'dueOn'>) => addDays(checkpoint.dueOn, -OUTCOME_REMINDER_DAYS);

/** The colour of a follow-through or checkpoint (a tone-* class of styles.css): amber while asked for, red once overdue. */
export function followUpTone(state: FollowThroughState | CheckpointState): 'met' | 'pending' | 'near' | 'overdue' {
  if (state === 'recorded') return 'met';
  if (state === 'due') return 'near';
  if (state === 'overdue') return 'overdue';
  return 'pending';
}

/** The follow-through as the case page says it: "Realizada el 3 mar 2027", "Pendiente; vence el 2 ene 2027", "Vencido hace 4 días (vencía el …)". */
export function followThroughSentence(followUp: Pick<CaseFollowUpDto, 'followThrough' | 'followThroughState' | 'recommendation'>, today: string): string {
  const recorded = followUp.followThrough;
  if (recorded) return t('followUp.followThrough.recorded', { status: t(`followUp.followThrough.statuses.${recorded.status}`), date: short(recorded.decidedOn) });
  const deadline = followThroughDeadline(followUp.recommendation.confirmedOn);
  if (followUp.followThroughState === 'overdue') return t('followUp.followThrough.overdue', { days: days(daysBetween(deadline, today)), date: short(deadline) });
  return t('followUp.followThrough.due', { date: short(deadline) });
}

/**
 * Where a checkpoint stands, after its name: "pendiente desde el 12 mar 2027; vence el 11 may
 * 2027", "vencido hace 40 días (vencía el …)", "no aplica", or the course recorded ("Falleció el 18 feb 2027: <causa>").
 */
export function checkpointSentence(checkpoint: CheckpointDto, today: string): string {
  const { outcome } = checkpoint;
  if (outcome?.course === 'deceased') return t('followUp.checkpoints.death', { date: short(outcome.diedOn), cause: outcome.causeOfDeath });
  if (outcome) return t('followUp.checkpoints.recorded', { course: t(`followUp.courses.${outcome.course}`), date: short(outcome.assessedOn) });
  const deadline = checkpointDeadline(checkpoint);
  switch (checkpoint.state) {
    case 'upcoming':
      return t('followUp.checkpoints.state.upcoming', { date: short(checkpointAskedFrom(checkpoint)) });
    case 'due':
      return t('followUp.checkpoints.state.due', { date: short(checkpointAskedFrom(checkpoint)), deadline: short(deadline) });
    case 'overdue':
      return t('followUp.checkpoints.state.overdue', { days: days(daysBetween(deadline, today)), date: short(deadline) });
    default:
      return t('followUp.checkpoints.state.not_needed');
  }
}

export interface FollowUpAsk {
  key: string;
  text: string;
  tone: ReturnType<typeof followUpTone>;
  overdue: boolean;
}

/** What a referring centre is asked for on a case, as the home page lists it: "Evolución a 6 meses: vencido hace 40 días". */
export function followUpAsks(followUp: Pick<CaseFollowUpDto, 'followThroughState' | 'checkpoints' | 'recommendation'>, today: string): FollowUpAsk[] {
  const ask = (key: string, asked: string, state: FollowThroughState | CheckpointState, deadline: string): FollowUpAsk => {
    const overdue = state === 'overdue';
    const text = overdue
      ? t('followUp.attention.overdue', { asked, days: days(daysBetween(deadline, today)) })
      : deadline === today
        ? t('followUp.attention.dueToday', { asked })
        : t('followUp.attention.dueOn', { asked, date: short(deadline) });
    return { key, text, tone: followUpTone(state), overdue };
  };
  const asks: FollowUpAsk[] = [];
  if (followUp.followThroughState !== 'recorded') {
    asks.push(ask('followThrough', t('followUp.attention.followThrough'), followUp.followThroughState, followThroughDeadline(followUp.recommendation.confirmedOn)));
  }
  for (const checkpoint of followUp.checkpoints) {
    if (checkpoint.state !== 'due' && checkpoint.state !== 'overdue') continue;
    asks.push(ask(`months-${checkpoint.months}`, t('followUp.attention.checkpoint', { months: checkpoint.months }), checkpoint.state, checkpointDeadline(checkpoint)));
  }
  return asks;
}
