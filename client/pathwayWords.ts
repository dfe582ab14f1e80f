import { needsAttention, type CommitmentClock } from '../shared/pathway';
import { formatDate } from './format';
import { i18n } from './i18n';

const t = i18n.global.t;
const days = (count: number) => t('pathway.days', count);
const commitmentName = (clock: CommitmentClock) => t(`pathway.commitments.${clock.commitment}`);

/**
 * Where a clock stands, in a sentence with its due day, as the case page says it: "Diagnóstico:
 * faltan 3 días (vence el 1 de diciembre de 2026)", "Diagnosticado a los 9 días: 2 días después
 * del compromiso de 7 días".
 */
export function clockSentence(clock: CommitmentClock): string {
  const commitment = commitmentName(clock);
  const date = formatDate(clock.dueOn);
  switch (clock.state) {
    case 'waiting':
      return t('pathway.clock.waiting', { commitment, date }, clock.days);
    case 'overdue':
      return t('pathway.clock.overdue', { commitment, date, days: days(clock.days) });
    case 'met':
      return t(`pathway.clock.met.${clock.commitment}`, { when: t('pathway.after', clock.elapsedDays), allowed: days(clock.allowedDays) });
    case 'missed':
      return t(`pathway.clock.missed.${clock.commitment}`, { when: t('pathway.after', clock.elapsedDays), late: days(clock.days), allowed: days(clock.allowedDays) });
  }
}

/** A clock that needs attention in a few words, as the lists of late patients give it: "Tratamiento: vence mañana". */
export function clockBrief(clock: CommitmentClock): string {
  const commitment = commitmentName(clock);
  if (clock.state === 'overdue') return t('pathway.brief.overdue', { commitment, days: days(clock.days) });
  if (clock.state === 'waiting') return t('pathway.brief.waiting', { commitment }, clock.days);
  return clockSentence(clock);
}

/** The clock's colour (a tone-* class of styles.css): its state, and amber while waiting within the days the late lists warn of. */
export function clockTone(clock: CommitmentClock): CommitmentClock['state'] | 'near' {
  return clock.state === 'waiting' && needsAttention(clock) ? 'near' : clock.state;
}
