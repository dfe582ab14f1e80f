import { afterEach, describe, expect, it } from 'vitest';
import { checkpointSentence, followThroughSentence, followUpAsks, followUpTone } from '../../../client/followUpWords';
import { i18n, setLocale } from '../../../client/i18n';
import { checkpointsOn, followThroughStateOn, type CaseFollowUpDto, type FollowThroughRecordDto, type OutcomeDto } from '../../../shared/followUp';

afterEach(() => {
  i18n.global.locale.value = 'es-MX';
});

/** Confirmed on 1 December 2026: the checkpoints fall on 1 March, 1 June and 1 December 2027. */
const CONFIRMED_ON = '2026-12-01';
const outcome = (months: 3 | 6 | 12, fields: Partial<OutcomeDto>): OutcomeDto => ({
  months,
  course: 'remission',
  assessedOn: '2027-03-03',
  diedOn: '',
  causeOfDeath: '',
  notes: '',
  recordedBy: 'u1',
  recordedByName: 'Dr. Canul',
  recordedAt: '2027-03-03T16:00:00.000Z',
  ...fields,
});
const sentences = (today: string, outcomes: OutcomeDto[] = []) => checkpointsOn(CONFIRMED_ON, outcomes, today).map((checkpoint) => checkpointSentence(checkpoint, today));
function followUpOn(today: string, followThrough: FollowThroughRecordDto | null = null, outcomes: OutcomeDto[] = []) {
  return {
    recommendation: { text: 'Iniciar protocolo de rescate', confirmedAt: '2026-12-01T18:00:00.000Z', confirmedOn: CONFIRMED_ON },
    followThrough,
    followThroughState: followThroughStateOn(CONFIRMED_ON, !!followThrough, today),
    checkpoints: checkpointsOn(CONFIRMED_ON, outcomes, today),
  } satisfies Partial<CaseFollowUpDto>;
}

describe('the checkpoints of a recommendation in words', () => {
  it('says from when a checkpoint is asked, until when, and how long ago it fell overdue, with Mexican short dates', () => {
    expect(sentences('2026-12-20')[0]).toBe('se registra a partir del 15 feb 2027');
    expect(sentences('2027-02-20')[0]).toBe('pendiente desde el 15 feb 2027; vence el 31 mar 2027');
    expect(sentences('2027-05-10')[0]).toBe('vencido hace 40 días (vencía el 31 mar 2027)');
    expect(sentences('2027-04-01')[0]).toBe('vencido hace 1 día (vencía el 31 mar 2027)');
  });

  it('gives a recorded course with its day, a death with its day and cause, and "no aplica" after it', () => {
    const died = outcome(3, { course: 'deceased', assessedOn: '2027-02-20', diedOn: '2027-02-18', causeOfDeath: 'Choque séptico' });
    expect(sentences('2027-06-10', [died])).toEqual(['Falleció el 18 feb 2027: Choque séptico', 'no aplica', 'no aplica']);
    expect(sentences('2027-03-10', [outcome(3, {})])).toEqual([
      'En remisión (valorado el 3 mar 2027)',
      'se registra a partir del 18 may 2027',
      'se registra a partir del 17 nov 2027',
    ]);
  });

  it('speaks English too', async () => {
    await setLocale('en');
    expect(sentences('2027-05-10')[0]).toBe('overdue by 40 days (was due on Mar 31, 2027)');
    expect(sentences('2027-02-20')[0]).toBe('pending since Feb 15, 2027; due on Mar 31, 2027');
  });
});

describe('the follow-through in words', () => {
  it('is due for 30 days after the confirmation, then overdue; recorded, it says what and when', () => {
    expect(followThroughSentence(followUpOn('2026-12-10'), '2026-12-10')).toBe('Pendiente; vence el 31 dic 2026');
    expect(followThroughSentence(followUpOn('2027-01-04'), '2027-01-04')).toBe('Vencido hace 4 días (vencía el 31 dic 2026)');
    const record: FollowThroughRecordDto = {
      status: 'carried_out_with_changes',
      reason: 'Sin disponibilidad de blinatumomab',
      decidedOn: '2026-12-05',
      recordedBy: 'u1',
      recordedByName: 'Dr. Canul',
      recordedAt: '2026-12-06T15:00:00.000Z',
    };
    expect(followThroughSentence(followUpOn('2027-01-04', record), '2027-01-04')).toBe('Realizada con cambios el 5 dic 2026');
  });
});

describe('what the home page asks of a centre', () => {
  it('lists the follow-through and the checkpoints asked for, with how late, in their tones', () => {
    const asks = followUpAsks(followUpOn('2027-05-10'), '2027-05-10');
    expect(asks.map((ask) => [ask.text, ask.tone])).toEqual([
      ['Realización de la recomendación: vencida hace 130 días', 'overdue'],
      ['Evolución a 3 meses: vencida hace 40 días', 'overdue'],
    ]);
    expect(followUpAsks(followUpOn('2027-03-31'), '2027-03-31').at(-1)!.text).toBe('Evolución a 3 meses: vence hoy');
    expect(followUpAsks(followUpOn('2026-12-10'), '2026-12-10').map((ask) => [ask.text, ask.tone])).toEqual([['Realización de la recomendación: vence el 31 dic 2026', 'near']]);
  });

  it('colours a recorded step as met, an upcoming or unneeded one as pending', () => {
    expect([followUpTone('recorded'), followUpTone('upcoming'), followUpTone('not_needed'), followUpTone('due'), followUpTone('overdue')]).toEqual([
      'met',
      'pending',
      'pending',
      'near',
      'overdue',
    ]);
  });
});
