import { afterEach, describe, expect, it } from 'vitest';
import { i18n, setLocale } from '../../../client/i18n';
import { pendingResultsWords, studyAttentionWords, studyClockSentence, studyTone } from '../../../client/studyWords';
import { defaultStudyTurnaround, studyAttention, studyClock, type StudyType } from '../../../shared/studies';

afterEach(() => {
  i18n.global.locale.value = 'es-MX';
});

/** A study received at `receivedAt` (and resulted at `resultedAt`), its clock read at `now`, in words on `today`. */
function sentence(type: StudyType, times: { receivedAt?: string; resultedAt?: string; now: string }, today: string): string {
  const receivedAt = times.receivedAt ? new Date(times.receivedAt) : null;
  const resultedAt = times.resultedAt ? new Date(times.resultedAt) : null;
  const clock = studyClock({ receivedAt, resultedAt }, defaultStudyTurnaround[type], new Date(times.now));
  return studyClockSentence({ type, turnaround: defaultStudyTurnaround[type], clock, receivedAt: times.receivedAt ?? null, resultedAt: times.resultedAt ?? null }, today);
}

/** Why a study sent at `sentAt` (received at `receivedAt`) is listed with the late ones at `now`, in words. */
function whyLate(type: StudyType, times: { sentAt: string; receivedAt?: string; now: string }): string {
  const now = new Date(times.now);
  const receivedAt = times.receivedAt ? new Date(times.receivedAt) : null;
  const clock = studyClock({ receivedAt, resultedAt: null }, defaultStudyTurnaround[type], now);
  const attention = studyAttention({ sentAt: new Date(times.sentAt), receivedAt, resultedAt: null }, clock, now);
  return studyAttentionWords({ attention, clock, sentAt: times.sentAt }, times.now.slice(0, 10));
}

// Received at 10:30 in Mexico City on 1 December: due at 10:30 the next day.
const IHC_RECEIVED = '2026-12-01T16:30:00Z';

describe('a study’s turnaround clock in words', () => {
  it('says from when the commitment counts before the laboratory receives the sample', () => {
    expect(sentence('immunohistochemistry', { now: IHC_RECEIVED }, '2026-12-01')).toBe(
      'Inmunohistoquímica: el compromiso de 24 h cuenta desde que el laboratorio recibe la muestra',
    );
  });

  it('says the turnaround the study was sent with, not today’s default, before the receipt', () => {
    const sent = { type: 'immunohistochemistry' as const, turnaround: { amount: 48, unit: 'hours' as const }, clock: null, receivedAt: null, resultedAt: null };
    expect(studyClockSentence(sent, '2026-12-01')).toBe('Inmunohistoquímica: el compromiso de 48 h cuenta desde que el laboratorio recibe la muestra');
  });

  it('counts an immunohistochemistry’s hours down to its hour, on the 24-hour clock', () => {
    expect(sentence('immunohistochemistry', { receivedAt: IHC_RECEIVED, now: '2026-12-01T18:00:00Z' }, '2026-12-01')).toBe(
      'Inmunohistoquímica: quedan 22 h (vence mañana a las 10:30)',
    );
    expect(sentence('immunohistochemistry', { receivedAt: IHC_RECEIVED, now: '2026-12-02T11:30:00Z' }, '2026-12-02')).toBe(
      'Inmunohistoquímica: quedan 5 h (vence hoy a las 10:30)',
    );
    expect(sentence('immunohistochemistry', { receivedAt: IHC_RECEIVED, now: '2026-12-02T15:15:00Z' }, '2026-12-02')).toBe('Inmunohistoquímica: queda 1 h (vence hoy a las 10:30)');
    expect(sentence('immunohistochemistry', { receivedAt: IHC_RECEIVED, now: '2026-12-02T16:00:00Z' }, '2026-12-02')).toBe(
      'Inmunohistoquímica: vence en menos de 1 h (hoy a las 10:30)',
    );
  });

  it('counts an immunophenotype’s days on the calendar, due by the end of its last day', () => {
    const received = '2026-11-30T18:00:00Z';
    expect(sentence('immunophenotype', { receivedAt: received, now: '2026-12-01T18:00:00Z' }, '2026-12-01')).toBe(
      'Inmunofenotipo: faltan 4 días (vence el 5 de diciembre de 2026)',
    );
    expect(sentence('immunophenotype', { receivedAt: received, now: '2026-12-07T18:00:00Z' }, '2026-12-07')).toBe(
      'Inmunofenotipo: vencido hace 2 días (vencía el 5 de diciembre de 2026)',
    );
  });

  it('says how long the result took, within or past the commitment', () => {
    expect(sentence('immunohistochemistry', { receivedAt: IHC_RECEIVED, resultedAt: '2026-12-02T12:30:00Z', now: '2026-12-03T00:00:00Z' }, '2026-12-02')).toBe(
      'Inmunohistoquímica: entregado en 20 h, dentro del compromiso de 24 h',
    );
    expect(sentence('immunohistochemistry', { receivedAt: IHC_RECEIVED, resultedAt: '2026-12-02T22:30:00Z', now: '2026-12-03T00:00:00Z' }, '2026-12-02')).toBe(
      'Inmunohistoquímica: entregado en 30 h, 6 h después del compromiso de 24 h',
    );
    expect(sentence('immunophenotype', { receivedAt: '2026-11-30T18:00:00Z', resultedAt: '2026-12-03T18:00:00Z', now: '2026-12-04T00:00:00Z' }, '2026-12-03')).toBe(
      'Inmunofenotipo: entregado en 3 días, dentro del compromiso de 5 días',
    );
  });

  it('speaks English too', async () => {
    await setLocale('en');
    expect(sentence('immunohistochemistry', { receivedAt: IHC_RECEIVED, now: '2026-12-02T11:30:00Z' }, '2026-12-02')).toBe(
      'Immunohistochemistry: 5 h left (due today at 10:30 AM)',
    );
    expect(sentence('immunophenotype', { receivedAt: '2026-11-30T18:00:00Z', now: '2026-12-07T18:00:00Z' }, '2026-12-07')).toBe(
      'Immunophenotype: overdue by 2 days (was due on December 5, 2026)',
    );
  });
});

describe('a late study in a few words', () => {
  // 10:30 in Mexico City on 1 December.
  const SENT = '2026-12-01T16:30:00Z';

  it('says how late an overdue study is, in its turnaround’s unit', () => {
    expect(whyLate('immunohistochemistry', { sentAt: SENT, receivedAt: SENT, now: '2026-12-02T21:30:00Z' })).toBe('vencido hace 5 h');
    expect(whyLate('immunophenotype', { sentAt: SENT, receivedAt: SENT, now: '2026-12-08T18:00:00Z' })).toBe('vencido hace 2 días');
  });

  it('says how soon a study near its due time falls due', () => {
    expect(whyLate('immunohistochemistry', { sentAt: SENT, receivedAt: SENT, now: '2026-12-02T13:30:00Z' })).toBe('vence en 3 h');
    expect(whyLate('immunohistochemistry', { sentAt: SENT, receivedAt: SENT, now: '2026-12-02T16:00:00Z' })).toBe('vence en menos de 1 h');
    expect(whyLate('immunophenotype', { sentAt: SENT, receivedAt: SENT, now: '2026-12-05T18:00:00Z' })).toBe('vence mañana');
    expect(whyLate('immunophenotype', { sentAt: SENT, receivedAt: SENT, now: '2026-12-06T18:00:00Z' })).toBe('vence hoy');
  });

  it('says how long ago a sample not received was sent, on the calendar', () => {
    expect(whyLate('immunohistochemistry', { sentAt: SENT, now: '2026-12-04T18:00:00Z' })).toBe('enviado hace 3 días, sin recepción en el laboratorio');
  });

  it('colours a waiting clock amber as close to its due time as the late lists warn of', () => {
    const clockAt = (now: string) => studyClock({ receivedAt: new Date(SENT), resultedAt: null }, defaultStudyTurnaround.immunohistochemistry, new Date(now));
    expect(studyTone(null)).toBe('pending');
    expect(studyTone(clockAt('2026-12-01T18:00:00Z'))).toBe('waiting');
    expect(studyTone(clockAt('2026-12-02T10:30:00Z'))).toBe('near');
    expect(studyTone(clockAt('2026-12-02T17:00:00Z'))).toBe('overdue');
  });

  it('lists a case’s studies without result as its agenda item marks them, the late ones first', () => {
    expect(
      pendingResultsWords([
        { type: 'immunophenotype', resultedAt: null, attention: null },
        { type: 'immunohistochemistry', resultedAt: null, attention: 'overdue' },
        { type: 'molecular', resultedAt: '2026-12-01T16:30:00Z', attention: null },
      ]),
    ).toBe('Resultados pendientes: IHQ (vencido), inmunofenotipo');
    expect(pendingResultsWords([{ type: 'molecular', resultedAt: '2026-12-01T16:30:00Z', attention: null }])).toBeNull();
  });

  it('speaks English too', async () => {
    await setLocale('en');
    expect(whyLate('immunohistochemistry', { sentAt: SENT, receivedAt: SENT, now: '2026-12-02T21:30:00Z' })).toBe('overdue by 5 h');
    expect(whyLate('immunohistochemistry', { sentAt: SENT, now: '2026-12-04T18:00:00Z' })).toBe('sent 3 days ago, not received by the laboratory');
    expect(pendingResultsWords([{ type: 'immunohistochemistry', resultedAt: null, attention: 'not_received' }])).toBe('Pending results: IHC (not received)');
  });
});
