import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { DEMO_PASSWORD, seedDemoData } from '../../server/db/seed/demoData';
import { apiClient, createAccount, signIn } from '../support/accounts';
import { createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * Every report figure recomputed here from the seeded documents with deliberately plain code
 * (a second-by-second presence sweep, Intl for Mexican dates), then compared with the API.
 */
let db: Database;
let server: TestServer;
let asCoordinator: ReturnType<typeof apiClient>;
const now = new Date();
const mexicoDay = (instant: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
const daysAgo = (days: number) => mexicoDay(new Date(now.getTime() - days * 86_400_000));

beforeAll(async () => {
  db = await openTestDatabase();
  await seedDemoData(db.models, { now });
  server = await startTestServer(db);
  asCoordinator = apiClient(server.url, await signIn(server.url, 'coordinacion@oncoboard.mx', DEMO_PASSWORD));
});
afterAll(async () => {
  await server?.close();
  if (db) await dropTestDatabase(db);
});

async function expectedReport(from: string, to: string, centerId?: string) {
  const [sessions, cases, recommendations, agreements, records, laterMarks, centers, guests] = await Promise.all([
    db.models.sessions.find().lean(),
    db.models.cases.find().lean(),
    db.models.recommendations.find().lean(),
    db.models.agreements.find().lean(),
    db.models.attendances.find().lean(),
    db.models.attendanceMarks.find().lean(),
    db.models.centers.find().lean(),
    db.models.guests.find({}, { _id: 1 }).lean(),
  ]);
  // Invited guests (family members at a working-group meeting) are nobody's centre's people.
  const guestIds = new Set(guests.map((guest) => String(guest._id)));
  // A session's first marks are in its record, later ones in documents keyed `<session>/<n>`.
  const events = [
    ...records.flatMap((record) => record.marks.map((mark) => ({ ...mark, sessionId: String(record._id) }))),
    ...laterMarks.flatMap((chunk) => chunk.marks.map((mark) => ({ ...mark, sessionId: chunk._id.split('/')[0]! }))),
  ];
  const forCenter = (id: unknown) => !centerId || String(id) === centerId;
  const held = sessions
    .filter((session) => ['ended', 'minutes_approved'].includes(session.status))
    .filter((session) => mexicoDay(session.startsAt) >= from && mexicoDay(session.startsAt) <= to)
    .filter((session) => !centerId || [session.hostCenterId, ...session.invitedCenterIds].some((id) => String(id) === centerId));
  const heldIds = new Set(held.map((session) => String(session._id)));

  const months: Record<string, { month: string; cases: number; case_review: number; training: number; keynote: number; working_group: number }> = {};
  for (let month = from.slice(0, 7); month <= to.slice(0, 7);) {
    months[month] = { month, cases: 0, case_review: 0, training: 0, keynote: 0, working_group: 0 };
    const [year, number] = month.split('-').map(Number) as [number, number];
    month = number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
  }
  for (const session of held) months[mexicoDay(session.startsAt).slice(0, 7)]![session.kind] += 1;
  const reviewed = cases.filter((presented) => heldIds.has(String(presented.sessionId)) && forCenter(presented.centerId));
  for (const presented of reviewed) {
    const session = held.find((candidate) => String(candidate._id) === String(presented.sessionId))!;
    months[mexicoDay(session.startsAt).slice(0, 7)]!.cases += 1;
  }

  const byCenter: Record<string, { attendances: number; credited: number }> = {};
  for (const session of held) {
    const from = session.startsAt.getTime();
    const until = (session.endedAt ?? new Date(from + session.durationMinutes * 60_000)).getTime();
    const mine = events.filter((event) => String(event.sessionId) === String(session._id));
    for (const userId of new Set(mine.map((event) => String(event.userId)).filter((id) => !guestIds.has(id)))) {
      const marks = mine.filter((event) => String(event.userId) === userId);
      let seconds = 0;
      for (let t = from; t < until; t += 1000) {
        const peers = new Set(marks.map((mark) => mark.peerId));
        const inRoom = [...peers].some((peer) => {
          const last = marks
            .filter((mark) => mark.peerId === peer && mark.at.getTime() <= t)
            .sort((a, b) => a.at.getTime() - b.at.getTime())
            .at(-1);
          return last?.kind === 'join';
        });
        if (inRoom) seconds += 1;
      }
      const minutes = Math.floor(seconds / 60);
      // A person counts for the centre the room recorded them under.
      const centerOfPerson = String(marks[0]!.centerId);
      if (minutes === 0 || !forCenter(centerOfPerson)) continue;
      const figures = (byCenter[centerOfPerson] ??= { attendances: 0, credited: 0 });
      figures.attendances += 1;
      if (minutes * 100 >= 80 * session.durationMinutes) figures.credited += 1;
    }
  }
  const centerName = (id: string) => centers.find((center) => String(center._id) === id)!.name;
  const attendanceByCenter = Object.entries(byCenter)
    .map(([id, figures]) => ({ centerId: id, centerName: centerName(id), ...figures }))
    .sort((a, b) => b.attendances - a.attendances || a.centerName.localeCompare(b.centerName, 'es'));

  const decided = reviewed.flatMap((presented) => {
    const recommendation = recommendations.find((candidate) => String(candidate.caseId) === String(presented._id) && candidate.status === 'confirmed');
    return recommendation
      ? [{ recommendation, days: (recommendation.confirmedAt!.getTime() - (presented as unknown as { createdAt: Date }).createdAt.getTime()) / 86_400_000 }]
      : [];
  });
  const days = decided.map((entry) => entry.days).sort((a, b) => a - b);
  const half = Math.floor(days.length / 2);
  const inBucket = (low: number, high: number) => decided.filter((entry) => entry.days >= low && entry.days < high).length;
  const today = mexicoDay(now);
  const ownAgreements = agreements.filter((agreement) => heldIds.has(String(agreement.sessionId)) && forCenter(agreement.responsibleCenterId));

  return {
    from,
    to,
    centerId: centerId ?? null,
    totals: {
      sessions: held.length,
      caseReviews: held.filter((session) => session.kind === 'case_review').length,
      trainings: held.filter((session) => session.kind === 'training').length,
      keynotes: held.filter((session) => session.kind === 'keynote').length,
      casesReviewed: reviewed.length,
      attendances: attendanceByCenter.reduce((sum, center) => sum + center.attendances, 0),
      credited: attendanceByCenter.reduce((sum, center) => sum + center.credited, 0),
    },
    months: Object.values(months),
    attendanceByCenter,
    turnaround: {
      cases: decided.length,
      medianDays: days.length === 0 ? null : days.length % 2 ? days[half] : (days[half - 1]! + days[half]!) / 2,
      buckets: [
        { bucket: 'lt1', count: inBucket(0, 1) },
        { bucket: 'd1to7', count: inBucket(1, 8) },
        { bucket: 'd8to14', count: inBucket(8, 15) },
        { bucket: 'd15to30', count: inBucket(15, 31) },
        { bucket: 'gt30', count: inBucket(31, Infinity) },
      ],
    },
    agreements: {
      open: ownAgreements.filter((agreement) => agreement.status !== 'done' && agreement.dueDate >= today).length,
      done: ownAgreements.filter((agreement) => agreement.status === 'done').length,
      overdue: ownAgreements.filter((agreement) => agreement.status !== 'done' && agreement.dueDate < today).length,
    },
    quorum: {
      confirmed: decided.length,
      withQuorum: decided.filter(({ recommendation }) => (recommendation.quorumSpecialties?.length ?? 0) >= recommendation.quorumRequired!).length,
    },
  };
}

describe('network reports', () => {
  it('equals what the seeded data says, for the whole network', async () => {
    const from = daysAgo(120);
    const to = daysAgo(0);
    const { status, body } = await asCoordinator('GET', `/reports?from=${from}&to=${to}`);
    expect(status).toBe(200);
    const expected = await expectedReport(from, to);
    expect(body.report).toEqual(expected);
    // The seed is rich enough for every chart to say something.
    expect(expected.totals).toMatchObject({ caseReviews: 3, trainings: 2, keynotes: 1 });
    expect(expected.totals.casesReviewed).toBeGreaterThan(5);
    expect(expected.attendanceByCenter.length).toBeGreaterThan(10);
    expect(expected.totals.credited).toBeLessThan(expected.totals.attendances);
    expect(expected.agreements.overdue + expected.agreements.done).toBeGreaterThan(0);
    expect(expected.quorum.withQuorum).toBeLessThan(expected.quorum.confirmed);
  });

  it('equals what the data says for one centre and a shorter range', async () => {
    const himfg = await db.models.centers.findOne({ code: 'HIMFG' }).lean();
    const from = daysAgo(60);
    const to = daysAgo(1);
    const { body } = await asCoordinator('GET', `/reports?from=${from}&to=${to}&centerId=${himfg!._id}`);
    expect(body.report).toEqual(await expectedReport(from, to, String(himfg!._id)));
    expect(body.report.attendanceByCenter.map((row: { centerId: string }) => row.centerId)).toEqual([String(himfg!._id)]);
  });

  it('follows presence recorded after a report was drawn (summaries kept per session are never left stale)', async () => {
    const from = daysAgo(120);
    const to = daysAgo(0);
    await asCoordinator('GET', `/reports?from=${from}&to=${to}`);
    const review = await db.models.sessions.findOne({ kind: 'case_review', status: { $in: ['ended', 'minutes_approved'] } }).lean();
    const latecomer = await createAccount(db, ['attendee'], String(review!.hostCenterId), 'Dra. Tardía');
    const at = (minute: number) => new Date(review!.startsAt.getTime() + minute * 60_000);
    const line = { userId: latecomer.id, centerId: latecomer.centerId, peerId: 'tarde', displayName: latecomer.name };
    await server.services.presence.append(String(review!._id), [
      { ...line, kind: 'join', at: at(1) },
      { ...line, kind: 'leave', at: at(review!.durationMinutes) },
    ]);
    const { body } = await asCoordinator('GET', `/reports?from=${from}&to=${to}`);
    expect(body.report).toEqual(await expectedReport(from, to));
  });

  it('keeps no summary of a session while it is live, and reports what was marked then once it has ended', async () => {
    const host = await db.models.centers.findOne({ kind: { $ne: 'laboratory' } }).lean();
    const attendee = await createAccount(db, ['attendee'], String(host!._id), 'Dra. En Vivo');
    const sessionId = await createSessionSoon(db, { hostCenterId: String(host!._id), createdBy: attendee.id, startsInMinutes: -40, title: 'Sesión en curso' });
    await db.models.sessions.updateOne({ _id: sessionId }, { $set: { status: 'live' } });
    const line = { userId: attendee.id, centerId: attendee.centerId, peerId: 'en-vivo', displayName: attendee.name };
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    await server.services.presence.append(sessionId, [{ ...line, kind: 'join', at: minutesAgo(35) }]);
    const live = await db.models.sessions.findById(sessionId).lean();
    await server.services.attendance.centersOf([live!]);
    expect(await db.models.attendanceSummaries.findById(sessionId).lean()).toBeNull();
    await server.services.presence.append(sessionId, [{ ...line, kind: 'leave', at: minutesAgo(5) }]);
    await db.models.sessions.updateOne({ _id: sessionId }, { $set: { status: 'ended', endedAt: minutesAgo(1) } });
    const range = { from: daysAgo(1), to: daysAgo(0) };
    const { body } = await asCoordinator('GET', `/reports?from=${range.from}&to=${range.to}`);
    expect(body.report).toEqual(await expectedReport(range.from, range.to));
    expect(body.report.attendanceByCenter.find((row: { centerId: string }) => row.centerId === attendee.centerId)?.attendances).toBeGreaterThanOrEqual(1);
  });

  it('refuses a range that is not one, naming the field', async () => {
    expect(await asCoordinator('GET', '/reports?from=2026-05-01&to=2026-04-01')).toMatchObject({ status: 400, body: { error: { field: 'from' } } });
    expect(await asCoordinator('GET', '/reports?from=2026-02-30&to=2026-04-01')).toMatchObject({ status: 400, body: { error: { field: 'from' } } });
    expect(await apiClient(server.url)('GET', '/reports?from=2026-01-01&to=2026-04-01')).toMatchObject({ status: 401 });
  });

  it('counts someone a coordinator credited by hand in their centre’s attendance', async () => {
    const range = `from=${daysAgo(120)}&to=${daysAgo(0)}`;
    const expert = await db.models.users.findOne({ email: 'experto.siglo21@oncoboard.mx' }).lean();
    const training = await db.models.sessions
      .findOne({ kind: 'training', status: 'ended', invitedCenterIds: { $ne: expert!.centerId }, hostCenterId: { $ne: expert!.centerId } })
      .lean();
    const rowOf = (report: { attendanceByCenter: { centerId: string; attendances: number; credited: number }[] }) =>
      report.attendanceByCenter.find((row) => row.centerId === String(expert!.centerId)) ?? { attendances: 0, credited: 0 };
    const before = (await asCoordinator('GET', `/reports?${range}`)).body.report;
    const corrected = await asCoordinator('POST', `/sessions/${training!._id}/attendance/corrections`, {
      userId: String(expert!._id),
      credited: true,
      minutesPresent: training!.durationMinutes,
      reason: 'Siguió la capacitación desde la sala de su hospital',
    });
    expect(corrected.status).toBe(201);
    const after = (await asCoordinator('GET', `/reports?${range}`)).body.report;
    expect(rowOf(after)).toMatchObject({ attendances: rowOf(before).attendances + 1, credited: rowOf(before).credited + 1 });
    expect(after.totals).toMatchObject({ attendances: before.totals.attendances + 1, credited: before.totals.credited + 1 });
  });
});
