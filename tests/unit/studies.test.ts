import { describe, expect, it } from 'vitest';
import {
  CLOCK_SKEW_MS,
  defaultStudyTurnaround,
  SAMPLE_TRANSIT_DAYS,
  studyAttention,
  studyClock,
  studyDueAt,
  studyTimeIssue,
  studyTypes,
  turnaroundsOn,
  type Turnaround,
  type TurnaroundRule,
} from '../../shared/studies';
import { sendStudyRequestSchema, studyResultRequestSchema, turnaroundChangeSchema } from '../../shared/studySchemas';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const ihc = defaultStudyTurnaround.immunohistochemistry;
const immunophenotype = defaultStudyTurnaround.immunophenotype;
const at = (iso: string) => new Date(iso);
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);
const resulted = (receivedAt: Date, resultedAt: Date, turnaround: Turnaround) => studyClock({ receivedAt, resultedAt }, turnaround, later(resultedAt, 100 * HOUR));
const waiting = (receivedAt: Date, now: Date, turnaround: Turnaround) => studyClock({ receivedAt, resultedAt: null }, turnaround, now);

describe('the network’s turnaround commitments', () => {
  it('promises immunohistochemistry in 24 hours and immunophenotype in 5 days, and gives every study type one', () => {
    expect(ihc).toEqual({ amount: 24, unit: 'hours' });
    expect(immunophenotype).toEqual({ amount: 5, unit: 'days' });
    for (const type of studyTypes) expect(defaultStudyTurnaround[type].amount, type).toBeGreaterThan(0);
  });
});

describe('a clock counted in hours (immunohistochemistry)', () => {
  const receivedAt = at('2026-03-10T15:00:00Z');

  it('is due 24 hours after the receipt: met at 23:59, missed at 24:01', () => {
    expect(studyDueAt(receivedAt, ihc).toISOString()).toBe('2026-03-11T15:00:00.000Z');
    expect(resulted(receivedAt, later(receivedAt, 23 * HOUR + 59 * MINUTE), ihc)).toMatchObject({ state: 'met', late: 0, left: 0, elapsedHours: 24 });
    expect(resulted(receivedAt, later(receivedAt, 24 * HOUR), ihc)?.state).toBe('met');
    expect(resulted(receivedAt, later(receivedAt, 24 * HOUR + MINUTE), ihc)).toMatchObject({ state: 'missed', late: 1 });
  });

  it('says the hours left while waiting and the hours late once overdue', () => {
    expect(waiting(receivedAt, later(receivedAt, 20 * HOUR), ihc)).toMatchObject({ state: 'waiting', left: 4, late: 0, elapsedHours: 20 });
    expect(waiting(receivedAt, later(receivedAt, 23.5 * HOUR), ihc)).toMatchObject({ state: 'waiting', left: 0 });
    expect(waiting(receivedAt, later(receivedAt, 30 * HOUR), ihc)).toMatchObject({ state: 'overdue', left: 0, late: 6, elapsedHours: 30 });
  });

  it('counts real hours across a daylight-saving change: due at 21:00 the next day on Mexico City’s clocks', () => {
    // 20:00 on 2 April 2022 (UTC−6); clocks went forward at 02:00 on the 3rd (UTC−5).
    const beforeChange = at('2022-04-03T02:00:00Z');
    expect(studyDueAt(beforeChange, ihc).toISOString()).toBe('2022-04-04T02:00:00.000Z');
  });
});

describe('a clock counted in Mexico City calendar days (immunophenotype)', () => {
  // 10:00 in Mexico City (UTC−6 since 2022).
  const receivedAt = at('2026-03-10T16:00:00Z');

  it('is due at the end of the fifth calendar day after the receipt’s', () => {
    expect(studyDueAt(receivedAt, immunophenotype).toISOString()).toBe('2026-03-16T06:00:00.000Z');
    expect(resulted(receivedAt, at('2026-03-16T05:59:00Z'), immunophenotype)).toMatchObject({ state: 'met', late: 0 });
    expect(resulted(receivedAt, at('2026-03-16T06:01:00Z'), immunophenotype)).toMatchObject({ state: 'missed', late: 1 });
  });

  it('counts from the Mexican day of a receipt late in the evening, not from the UTC day', () => {
    // 23:30 on 10 March in Mexico City is already the 11th in UTC.
    const lateEvening = at('2026-03-11T05:30:00Z');
    expect(studyDueAt(lateEvening, immunophenotype).toISOString()).toBe('2026-03-16T06:00:00.000Z');
  });

  it('ends the due day at Mexico City’s midnight across historical daylight-saving changes', () => {
    // Received 31 March 2022 (UTC−6), due the end of 5 April, after clocks went forward (UTC−5).
    expect(studyDueAt(at('2022-03-31T16:00:00Z'), immunophenotype).toISOString()).toBe('2022-04-06T05:00:00.000Z');
    // Received 27 October 2022 (UTC−5), due the end of 1 November, after clocks went back (UTC−6).
    expect(studyDueAt(at('2022-10-27T17:00:00Z'), immunophenotype).toISOString()).toBe('2022-11-02T06:00:00.000Z');
  });

  it('says the calendar days left while waiting (0 on the due day) and the days late once overdue', () => {
    expect(waiting(receivedAt, at('2026-03-14T18:00:00Z'), immunophenotype)).toMatchObject({ state: 'waiting', left: 1 });
    expect(waiting(receivedAt, at('2026-03-16T05:00:00Z'), immunophenotype)).toMatchObject({ state: 'waiting', left: 0 });
    expect(waiting(receivedAt, at('2026-03-18T18:00:00Z'), immunophenotype)).toMatchObject({ state: 'overdue', left: 0, late: 3 });
  });

  it('has no clock before the laboratory receives the sample', () => {
    expect(studyClock({ receivedAt: null, resultedAt: null }, immunophenotype, receivedAt)).toBeNull();
  });
});

describe('a study’s times', () => {
  const now = at('2026-03-10T16:00:00Z');
  const sentAt = at('2026-03-09T16:00:00Z');

  it('allows a few minutes of clock skew but nothing in the future beyond it', () => {
    expect(studyTimeIssue({ sentAt: later(now, CLOCK_SKEW_MS) }, now)).toBeUndefined();
    expect(studyTimeIssue({ sentAt: later(now, CLOCK_SKEW_MS + MINUTE) }, now)).toEqual({ field: 'sentAt', message: 'must not be in the future' });
    expect(studyTimeIssue({ sentAt, receivedAt: later(now, HOUR) }, now)?.field).toBe('receivedAt');
  });

  it('keeps sent ≤ received ≤ resulted, naming the field out of order', () => {
    expect(studyTimeIssue({ sentAt, receivedAt: later(sentAt, -MINUTE) }, now)).toEqual({ field: 'receivedAt', message: 'must not be before sentAt' });
    expect(studyTimeIssue({ sentAt, receivedAt: later(sentAt, HOUR), resultedAt: later(sentAt, 30 * MINUTE) }, now)).toEqual({
      field: 'resultedAt',
      message: 'must not be before receivedAt',
    });
    expect(studyTimeIssue({ sentAt, receivedAt: sentAt, resultedAt: sentAt }, now)).toBeUndefined();
  });
});

describe('what a study’s sender and laboratory may write', () => {
  const send = { laboratoryId: 'a'.repeat(24), type: 'immunohistochemistry', sentAt: '2026-03-10T16:00:00.000Z' };
  const issuesOf = (result: { error?: { issues: { path: PropertyKey[] }[] } }) => result.error?.issues.map((issue) => issue.path.join('.'));

  it('asks which study when the type is "other"', () => {
    expect(sendStudyRequestSchema.safeParse(send).success).toBe(true);
    expect(issuesOf(sendStudyRequestSchema.safeParse({ ...send, type: 'other' }))).toEqual(['description']);
    expect(sendStudyRequestSchema.safeParse({ ...send, type: 'other', description: 'Citometría de flujo ampliada' }).success).toBe(true);
  });

  it('refuses identifying text in the description and the result’s summary, as the case form does', () => {
    expect(issuesOf(sendStudyRequestSchema.safeParse({ ...send, description: 'Paciente: María López, CURP PELJ100512HYNRPN09' }))).toEqual(['description']);
    expect(issuesOf(studyResultRequestSchema.safeParse({ resultedAt: send.sentAt, summary: 'Tel. 999 123 4567' }))).toEqual(['summary']);
    expect(studyResultRequestSchema.safeParse({ resultedAt: send.sentAt, summary: 'CD20 positivo, Ki-67 90 %' }).success).toBe(true);
  });

  it('takes times as instants with their offset only', () => {
    expect(issuesOf(sendStudyRequestSchema.safeParse({ ...send, sentAt: '2026-03-10T10:00' }))).toEqual(['sentAt']);
    expect(sendStudyRequestSchema.safeParse({ ...send, sentAt: '2026-03-10T10:00:00-06:00' }).success).toBe(true);
  });
});

describe('a study on the lists of what is late', () => {
  const attentionAt = (study: { sentAt: Date; receivedAt?: Date; resultedAt?: Date }, turnaround: Turnaround, now: Date) => {
    const times = { sentAt: study.sentAt, receivedAt: study.receivedAt ?? null, resultedAt: study.resultedAt ?? null };
    return studyAttention(times, studyClock(times, turnaround, now), now);
  };

  it('is listed as not received from the second Mexico City calendar day after the sending, not 48 hours later', () => {
    expect(SAMPLE_TRANSIT_DAYS).toBe(2);
    // Sent at 23:30 on 10 March in Mexico City (05:30 UTC on the 11th).
    const sentAt = at('2026-03-11T05:30:00Z');
    expect(attentionAt({ sentAt }, ihc, at('2026-03-12T05:59:00Z'))).toBeNull(); // 23:59 on the 11th
    expect(attentionAt({ sentAt }, ihc, at('2026-03-12T06:00:00Z'))).toBe('not_received'); // 00:00 on the 12th, 24.5 hours later
    // Once received, it is timed instead: a fresh clock needs nobody's attention.
    expect(attentionAt({ sentAt, receivedAt: at('2026-03-12T06:00:00Z') }, ihc, at('2026-03-12T07:00:00Z'))).toBeNull();
  });

  it('is near due within 6 hours for hours-counted studies: 7 hours left is not, 6 is', () => {
    const receivedAt = at('2026-03-10T15:00:00Z');
    expect(attentionAt({ sentAt: receivedAt, receivedAt }, ihc, later(receivedAt, 17 * HOUR))).toBeNull();
    expect(attentionAt({ sentAt: receivedAt, receivedAt }, ihc, later(receivedAt, 18 * HOUR))).toBe('near_due');
    expect(attentionAt({ sentAt: receivedAt, receivedAt }, ihc, later(receivedAt, 24 * HOUR))).toBe('near_due');
    expect(attentionAt({ sentAt: receivedAt, receivedAt }, ihc, later(receivedAt, 24 * HOUR + MINUTE))).toBe('overdue');
  });

  it('is near due from the day before the due day for days-counted studies', () => {
    // Received 10 March, 10:00 in Mexico City: due by the end of the 15th.
    const receivedAt = at('2026-03-10T16:00:00Z');
    const study = { sentAt: receivedAt, receivedAt };
    expect(attentionAt(study, immunophenotype, at('2026-03-14T05:59:00Z'))).toBeNull(); // 23:59 on the 13th
    expect(attentionAt(study, immunophenotype, at('2026-03-14T06:00:00Z'))).toBe('near_due'); // 00:00 on the 14th
    expect(attentionAt(study, immunophenotype, at('2026-03-16T05:59:00Z'))).toBe('near_due');
    expect(attentionAt(study, immunophenotype, at('2026-03-16T06:01:00Z'))).toBe('overdue');
  });

  it('leaves the lists once resulted, even late', () => {
    const receivedAt = at('2026-03-10T15:00:00Z');
    const resultedAt = later(receivedAt, 40 * HOUR);
    expect(attentionAt({ sentAt: receivedAt, receivedAt, resultedAt }, ihc, later(resultedAt, HOUR))).toBeNull();
    expect(attentionAt({ sentAt: receivedAt, receivedAt, resultedAt }, ihc, later(receivedAt, 30 * HOUR))).toBeNull();
  });
});

describe('the turnarounds a coordinator changes', () => {
  const change = Object.fromEntries(studyTypes.map((type) => [type, defaultStudyTurnaround[type]])) as Record<string, Turnaround>;
  const rule = (effectiveFrom: string, hours: number): TurnaroundRule => ({
    effectiveFrom,
    turnarounds: { ...defaultStudyTurnaround, immunohistochemistry: { amount: hours, unit: 'hours' } },
  });

  it('are in force from their day on: a change in the middle of a range leaves the days before it alone', () => {
    const rules = [rule('2026-03-15', 48), rule('2026-03-05', 36)];
    expect(turnaroundsOn([], '2026-03-10').turnarounds).toEqual(defaultStudyTurnaround);
    expect(turnaroundsOn(rules, '2026-03-04').turnarounds.immunohistochemistry).toEqual({ amount: 24, unit: 'hours' });
    expect(turnaroundsOn(rules, '2026-03-05').turnarounds.immunohistochemistry).toEqual({ amount: 36, unit: 'hours' });
    expect(turnaroundsOn(rules, '2026-03-14').turnarounds.immunohistochemistry).toEqual({ amount: 36, unit: 'hours' });
    expect(turnaroundsOn(rules, '2026-03-15').turnarounds.immunohistochemistry).toEqual({ amount: 48, unit: 'hours' });
    expect(turnaroundsOn(rules, '2026-03-15').turnarounds.immunophenotype).toEqual({ amount: 5, unit: 'days' });
  });

  it('must give every study type a whole amount from 1 up to 720 hours or 90 days', () => {
    const issuesOf = (body: unknown) => turnaroundChangeSchema.safeParse(body).error?.issues.map((issue) => issue.path.join('.'));
    expect(turnaroundChangeSchema.safeParse(change).success).toBe(true);
    expect(turnaroundChangeSchema.safeParse({ ...change, immunohistochemistry: { amount: 720, unit: 'hours' }, molecular: { amount: 90, unit: 'days' } }).success).toBe(true);
    expect(issuesOf({ ...change, immunohistochemistry: { amount: 0, unit: 'hours' } })).toEqual(['immunohistochemistry.amount']);
    expect(issuesOf({ ...change, immunohistochemistry: { amount: 721, unit: 'hours' } })).toEqual(['immunohistochemistry.amount']);
    expect(issuesOf({ ...change, cytogenetics: { amount: 91, unit: 'days' } })).toEqual(['cytogenetics.amount']);
    expect(issuesOf({ ...change, other: { amount: 2.5, unit: 'days' } })).toEqual(['other.amount']);
    expect(issuesOf({ ...change, other: { amount: 2, unit: 'weeks' } })).toEqual(['other.unit']);
    const { molecular: _left, ...missing } = change;
    expect(issuesOf(missing)).toEqual(['molecular']);
  });
});
