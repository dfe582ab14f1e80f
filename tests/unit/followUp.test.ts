import { describe, expect, it } from 'vitest';
import { carriedOutPercent, checkpointsOn, followThroughStateOn, followUpDayIssue, followUpPending, type FollowUpFigures, type OutcomeDto } from '../../shared/followUp';
import { followThroughRequestSchema, outcomeRequestSchema } from '../../shared/followUpSchemas';
import { addMonths } from '../../shared/pathway';

const outcome = (months: 3 | 6 | 12, course: OutcomeDto['course']): OutcomeDto => ({
  months,
  course,
  assessedOn: addMonths('2026-03-10', months),
  diedOn: course === 'deceased' ? addMonths('2026-03-10', months) : '',
  causeOfDeath: course === 'deceased' ? 'Choque séptico' : '',
  notes: '',
  recordedBy: 'u1',
  recordedByName: 'Dra. Canul',
  recordedAt: '2026-06-10T16:00:00.000Z',
});
const states = (today: string, outcomes: OutcomeDto[] = []) => checkpointsOn('2026-03-10', outcomes, today).map((checkpoint) => checkpoint.state);
/** The field each refusal names, for a body the schema refuses. */
const refusedFields = (schema: typeof outcomeRequestSchema | typeof followThroughRequestSchema, body: unknown) =>
  schema.safeParse(body).error?.issues.map((issue) => issue.path.join('.')) ?? [];

describe('the checkpoints’ calendar', () => {
  it('adds calendar months, a day the later month lacks becoming its last', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2027-11-29', 3)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', 3)).toBe('2027-03-15');
    expect(addMonths('2026-10-31', 3)).toBe('2027-01-31');
    expect(addMonths('2026-03-10', 12)).toBe('2027-03-10');
  });

  it('dates the checkpoints 3, 6 and 12 months after the confirmation', () => {
    expect(checkpointsOn('2026-08-31', [], '2026-09-01').map(({ months, dueOn }) => [months, dueOn])).toEqual([
      [3, '2026-11-30'],
      [6, '2027-02-28'],
      [12, '2027-08-31'],
    ]);
  });

  it('asks for a checkpoint from 14 days before its day, and calls it overdue from the 31st day after', () => {
    // The 3-month checkpoint of a recommendation confirmed on 10 March falls on 10 June.
    expect(states('2026-05-26')[0]).toBe('upcoming');
    expect(states('2026-05-27')[0]).toBe('due');
    expect(states('2026-07-10')[0]).toBe('due');
    expect(states('2026-07-11')[0]).toBe('overdue');
    expect(states('2026-07-11')).toEqual(['overdue', 'upcoming', 'upcoming']);
    expect(states('2026-07-11', [outcome(3, 'in_treatment')])).toEqual(['recorded', 'upcoming', 'upcoming']);
  });

  it('asks for nothing after a death', () => {
    expect(states('2027-06-01', [outcome(3, 'deceased')])).toEqual(['recorded', 'not_needed', 'not_needed']);
    expect(states('2027-06-01', [outcome(3, 'relapse'), outcome(6, 'deceased')])).toEqual(['recorded', 'recorded', 'not_needed']);
    expect(states('2027-03-01', [outcome(3, 'relapse')])).toEqual(['recorded', 'overdue', 'due']);
  });

  it('expects the follow-through within 30 days of the confirmation, overdue after, until recorded', () => {
    expect(followThroughStateOn('2026-03-10', false, '2026-03-10')).toBe('due');
    expect(followThroughStateOn('2026-03-10', false, '2026-04-09')).toBe('due');
    expect(followThroughStateOn('2026-03-10', false, '2026-04-10')).toBe('overdue');
    expect(followThroughStateOn('2026-03-10', true, '2026-04-10')).toBe('recorded');
  });

  it('reminds while the follow-through or a checkpoint is asked for', () => {
    const followUp = (followThroughState: 'recorded' | 'due' | 'overdue', today: string, outcomes: OutcomeDto[] = []) => ({
      followThroughState,
      checkpoints: checkpointsOn('2026-03-10', outcomes, today),
    });
    expect(followUpPending(followUp('due', '2026-03-11'))).toBe(true);
    expect(followUpPending(followUp('recorded', '2026-05-26'))).toBe(false);
    expect(followUpPending(followUp('recorded', '2026-05-27'))).toBe(true);
    expect(followUpPending(followUp('recorded', '2027-06-01', [outcome(3, 'deceased')]))).toBe(false);
  });

  it('refuses a day in the future or before the confirmation, naming the field', () => {
    expect(followUpDayIssue('decidedOn', '2026-03-10', '2026-03-10', '2026-03-10')).toBeUndefined();
    expect(followUpDayIssue('decidedOn', '2026-03-09', '2026-03-10', '2026-04-01')).toEqual({
      field: 'decidedOn',
      message: 'must not be before the recommendation was confirmed',
    });
    expect(followUpDayIssue('assessedOn', '2026-04-02', '2026-03-10', '2026-04-01')).toEqual({ field: 'assessedOn', message: 'must not be in the future' });
  });

  it('counts the share carried out, with or without changes, of the follow-throughs recorded', () => {
    const figures = (carried_out: number, carried_out_with_changes: number, not_carried_out: number) =>
      ({ recorded: carried_out + carried_out_with_changes + not_carried_out, byStatus: { carried_out, carried_out_with_changes, not_carried_out } }) as FollowUpFigures;
    expect(carriedOutPercent(figures(1, 1, 1))).toBe(67);
    expect(carriedOutPercent(figures(0, 0, 2))).toBe(0);
    expect(carriedOutPercent(figures(0, 0, 0))).toBeNull();
  });
});

describe('what the referring centre records', () => {
  it('needs a reason when the recommendation was changed or not carried out', () => {
    expect(refusedFields(followThroughRequestSchema, { status: 'carried_out', decidedOn: '2026-04-01' })).toEqual([]);
    expect(refusedFields(followThroughRequestSchema, { status: 'not_carried_out', decidedOn: '2026-04-01' })).toEqual(['reason']);
    expect(refusedFields(followThroughRequestSchema, { status: 'carried_out_with_changes', reason: 'no', decidedOn: '2026-04-01' })).toEqual(['reason']);
    expect(refusedFields(followThroughRequestSchema, { status: 'not_carried_out', reason: 'La familia no aceptó el traslado', decidedOn: '2026-04-01' })).toEqual([]);
    expect(refusedFields(followThroughRequestSchema, { status: 'carried_out', decidedOn: '2026-02-30' })).toEqual(['decidedOn']);
  });

  it('needs the day and the cause of a death, and neither for a living patient', () => {
    const living = { months: 6, course: 'remission', assessedOn: '2026-09-10' };
    expect(refusedFields(outcomeRequestSchema, living)).toEqual([]);
    expect(refusedFields(outcomeRequestSchema, { ...living, course: 'deceased' })).toEqual(['diedOn', 'causeOfDeath']);
    expect(refusedFields(outcomeRequestSchema, { ...living, course: 'deceased', diedOn: '2026-09-01' })).toEqual(['causeOfDeath']);
    expect(refusedFields(outcomeRequestSchema, { ...living, course: 'deceased', causeOfDeath: 'Choque séptico' })).toEqual(['diedOn']);
    expect(refusedFields(outcomeRequestSchema, { ...living, diedOn: '2026-09-01' })).toEqual(['diedOn']);
    expect(refusedFields(outcomeRequestSchema, { ...living, causeOfDeath: 'Choque séptico' })).toEqual(['causeOfDeath']);
    expect(refusedFields(outcomeRequestSchema, { ...living, course: 'deceased', diedOn: '2026-09-11', causeOfDeath: 'Choque séptico' })).toEqual(['diedOn']);
    expect(refusedFields(outcomeRequestSchema, { ...living, course: 'deceased', diedOn: '2026-09-10', causeOfDeath: 'Choque séptico' })).toEqual([]);
    expect(refusedFields(outcomeRequestSchema, { ...living, months: 9 })).toEqual(['months']);
  });
});
