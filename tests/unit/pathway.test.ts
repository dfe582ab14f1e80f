import { describe, expect, it } from 'vitest';
import { addDays, blankPathway, daysBetween, needsAttention, pathwayClocks, pathwayIssues, ruleOn, type CommitmentRule } from '../../shared/pathway';
import { pathwayChangesSchema } from '../../shared/pathwaySchemas';
import { calendarDayOf } from '../../shared/time';

const path = (dates: Partial<typeof blankPathway>) => ({ ...blankPathway, ...dates });

describe('the calendar of a patient’s pathway', () => {
  it('counts whole Mexican calendar days, across a month, a leap day and the old daylight-saving changes', () => {
    expect(daysBetween('2026-11-28', '2026-12-05')).toBe(7);
    expect(daysBetween('2028-02-27', '2028-03-01')).toBe(3);
    // Mexico City changed its clocks on these days until 2022: a calendar day is still a day.
    expect(daysBetween('2022-04-02', '2022-04-04')).toBe(2);
    expect(daysBetween('2022-10-29', '2022-10-31')).toBe(2);
    expect(addDays('2026-12-29', 3)).toBe('2027-01-01');
  });

  it('takes today from Mexico City’s calendar, not the server’s UTC day', () => {
    // 05:30 UTC on 1 December is still 30 November, 23:30, in Mexico City.
    expect(calendarDayOf(new Date('2026-12-01T05:30:00Z'))).toBe('2026-11-30');
    expect(calendarDayOf(new Date('2026-12-01T06:00:00Z'))).toBe('2026-12-01');
    expect(calendarDayOf(new Date('2026-12-01T05:30:00Z'), 'America/Tijuana')).toBe('2026-11-30');
  });
});

describe('the commitments on a patient’s pathway', () => {
  it('is waiting, with the days left, until the due day, then overdue by the days past it', () => {
    const dates = path({ referredOn: '2026-11-24' });
    expect(pathwayClocks(dates, [], '2026-11-28')).toEqual([
      { commitment: 'diagnosis', startedOn: '2026-11-24', dueOn: '2026-12-01', allowedDays: 7, doneOn: '', elapsedDays: 4, state: 'waiting', days: 3 },
    ]);
    expect(pathwayClocks(dates, [], '2026-12-01')[0]).toMatchObject({ state: 'waiting', days: 0 });
    expect(pathwayClocks(dates, [], '2026-12-03')[0]).toMatchObject({ state: 'overdue', days: 2, elapsedDays: 9 });
  });

  it('is met on the due day and missed a day after, and starts the treatment clock at the diagnosis', () => {
    const onTime = pathwayClocks(path({ referredOn: '2026-11-01', diagnosedOn: '2026-11-08', treatmentStartedOn: '2026-11-11' }), [], '2026-12-01');
    expect(onTime.map(({ commitment, state, days, elapsedDays }) => ({ commitment, state, days, elapsedDays }))).toEqual([
      { commitment: 'diagnosis', state: 'met', days: 0, elapsedDays: 7 },
      { commitment: 'treatment', state: 'met', days: 0, elapsedDays: 3 },
    ]);
    const late = pathwayClocks(path({ referredOn: '2026-11-01', diagnosedOn: '2026-11-09', treatmentStartedOn: '' }), [], '2026-11-20');
    expect(late.map(({ commitment, state, days }) => ({ commitment, state, days }))).toEqual([
      { commitment: 'diagnosis', state: 'missed', days: 1 },
      { commitment: 'treatment', state: 'overdue', days: 8 },
    ]);
  });

  it('has no clock until the milestone that starts it is known', () => {
    expect(pathwayClocks(path({ arrivedOn: '2026-11-02' }), [], '2026-12-01')).toEqual([]);
    expect(pathwayClocks(path({ diagnosedOn: '2026-11-30' }), [], '2026-12-01').map((clock) => clock.commitment)).toEqual(['treatment']);
  });

  it('keeps for each patient the rule in force the day the clock started, when the commitments change mid-range', () => {
    const rules: CommitmentRule[] = [{ effectiveFrom: '2026-11-15', diagnosisDays: 10, treatmentDays: 5 }];
    expect(ruleOn(rules, '2026-11-14')).toMatchObject({ diagnosisDays: 7, treatmentDays: 3 });
    expect(ruleOn(rules, '2026-11-15')).toMatchObject({ diagnosisDays: 10, treatmentDays: 5 });
    // Referred before the change, diagnosed after it: still the seven days it was promised.
    const before = pathwayClocks(path({ referredOn: '2026-11-10', diagnosedOn: '2026-11-19' }), rules, '2026-11-20');
    expect(before.map(({ commitment, allowedDays, state }) => ({ commitment, allowedDays, state }))).toEqual([
      { commitment: 'diagnosis', allowedDays: 7, state: 'missed' },
      { commitment: 'treatment', allowedDays: 5, state: 'waiting' },
    ]);
    const after = pathwayClocks(path({ referredOn: '2026-11-16', diagnosedOn: '2026-11-25' }), rules, '2026-11-26');
    expect(after[0]).toMatchObject({ allowedDays: 10, state: 'met' });
    // Of two changes, the later one rules from its day on.
    const twice = [...rules, { effectiveFrom: '2026-11-20', diagnosisDays: 5, treatmentDays: 2 }];
    expect(ruleOn(twice, '2026-11-21').diagnosisDays).toBe(5);
    expect(ruleOn([...twice].reverse(), '2026-11-17').diagnosisDays).toBe(10);
  });

  it('lists overdue clocks, and waiting ones due within two days, as needing attention', () => {
    const on = (today: string) => needsAttention(pathwayClocks(path({ referredOn: '2026-11-24' }), [], today)[0]!);
    expect([on('2026-11-26'), on('2026-11-29'), on('2026-12-01'), on('2026-12-02')]).toEqual([false, true, true, true]);
    expect(needsAttention(pathwayClocks(path({ referredOn: '2026-11-01', diagnosedOn: '2026-11-20' }), [], '2026-11-20')[0]!)).toBe(false);
  });
});

describe('the dates a clinician records', () => {
  it('refuses a date in the future or out of order, naming the field', () => {
    expect(pathwayIssues(path({ referredOn: '2026-11-20', arrivedOn: '2026-11-21', diagnosedOn: '2026-11-27' }), '2026-12-01')).toEqual([]);
    expect(pathwayIssues(path({ referredOn: '2026-12-02' }), '2026-12-01')).toEqual([{ field: 'referredOn', message: 'must not be in the future' }]);
    expect(pathwayIssues(path({ referredOn: '2026-11-20', diagnosedOn: '2026-11-19' }), '2026-12-01')).toEqual([
      { field: 'diagnosedOn', message: 'must not be before referredOn' },
    ]);
    // A milestone not yet known is skipped: treatment is compared with the arrival.
    expect(pathwayIssues(path({ arrivedOn: '2026-11-20', treatmentStartedOn: '2026-11-18' }), '2026-12-01')).toEqual([
      { field: 'treatmentStartedOn', message: 'must not be before arrivedOn' },
    ]);
  });

  it('takes real days or a blank to clear one, and nothing else', () => {
    expect(pathwayChangesSchema.parse({ diagnosedOn: '2026-11-20', arrivedOn: '' })).toEqual({ diagnosedOn: '2026-11-20', arrivedOn: '' });
    expect(pathwayChangesSchema.safeParse({ diagnosedOn: '2026-02-30' }).success).toBe(false);
    expect(pathwayChangesSchema.safeParse({ diagnosedOn: '20/11/2026' }).success).toBe(false);
    expect(pathwayChangesSchema.safeParse({}).success).toBe(false);
    expect(pathwayChangesSchema.safeParse({ diagnosedOn: '2026-11-20', patientName: 'Juan' }).data).toEqual({ diagnosedOn: '2026-11-20' });
  });
});
