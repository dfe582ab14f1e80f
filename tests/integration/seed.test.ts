import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centerInputSchema } from '../../shared/centers';
import { DEFAULT_TIME_ZONE, mexicanStateCodes } from '../../shared/mexico';
import { accountRoles as roles } from '../../shared/roles';
import { blankPathway, needsAttention, pathwayClocks, pathwayIssues } from '../../shared/pathway';
import { studyClock, studyTimeIssue, studyTypes } from '../../shared/studies';
import { sendStudyRequestSchema, studyResultRequestSchema } from '../../shared/studySchemas';
import { calendarDayOf, utcToZonedWallTime } from '../../shared/time';
import type { Database } from '../../server/db/database';
import { demoCenters } from '../../server/db/seed/centers';
import { DEMO_PASSWORD, demoAccounts, seedDemoData } from '../../server/db/seed/demoData';
import type { Actor } from '../../server/domain/actor';
import { AuditLog } from '../../server/domain/auditLog';
import { CenterService } from '../../server/domain/centerService';
import { FollowUpService } from '../../server/domain/followUpService';
import { verifyPassword } from '../../server/domain/passwords';
import { SessionService } from '../../server/domain/sessionService';
import { followThroughStatuses, followUpDayIssue, outcomeCheckpoints, patientCourses } from '../../shared/followUp';
import { followThroughRequestSchema, outcomeRequestSchema } from '../../shared/followUpSchemas';
import { caseFieldsWithoutIdentity } from '../../shared/caseRules';
import { firstNameSchema } from '../../shared/workingGroup';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';

describe('the demo data seed', () => {
  const now = new Date('2026-03-11T18:30:00Z');
  let db: Database;
  let firstRun: { seeded: boolean };
  beforeAll(async () => {
    db = await openTestDatabase();
    firstRun = await seedDemoData(db.models, { now });
  });
  afterAll(() => dropTestDatabase(db));

  it('describes centres that pass the centre schema unchanged', () => {
    for (const center of demoCenters) expect(centerInputSchema.parse(center)).toEqual({ active: true, ...center });
  });

  it('seeds the network: one OncoCREAN per state and the high-specialty units', async () => {
    expect(firstRun).toEqual({ seeded: true });
    const centers = await db.models.centers.find().lean();
    expect(centers.length).toBeGreaterThanOrEqual(36);
    const oncoCreanStates = centers.filter((center) => center.kind === 'oncocrean').map((center) => center.state);
    expect([...oncoCreanStates].sort()).toEqual([...mexicanStateCodes].sort());
    expect(centers.map((center) => center.code)).toEqual(expect.arrayContaining(['INCAN', 'HIMFG', 'INP', 'UMAE-HP-CMNSXXI', 'HRAEPY']));
  });

  it('creates the demo accounts, covering every role, at existing centres', async () => {
    const users = await db.models.users.find().lean();
    expect(users.length).toBeGreaterThanOrEqual(5);
    expect(new Set(users.flatMap((user) => user.roles))).toEqual(new Set(roles));
    expect(users.map((user) => user.email)).toEqual(expect.arrayContaining(demoAccounts.map((account) => account.email)));
    const centerIds = new Set((await db.models.centers.find().lean()).map((center) => String(center._id)));
    for (const user of users) expect(centerIds.has(String(user.centerId)), user.email).toBe(true);
  });

  it('lets a demo account sign in with the documented password', async () => {
    const expert = await db.models.users.findOne({ email: 'experto.siglo21@oncoboard.mx' }).lean();
    expect(expert?.specialty).toBe('Oncología pediátrica');
    expect(await verifyPassword(DEMO_PASSWORD, expert!.passwordHash)).toBe(true);
    expect(await verifyPassword('otra-contraseña', expert!.passwordHash)).toBe(false);
  });

  it('schedules ended sessions before now and upcoming ones after, numbered in date order', async () => {
    const sessions = await db.models.sessions.find().sort({ startsAt: 1 }).lean();
    const past = sessions.filter((session) => session.startsAt < now);
    const upcoming = sessions.filter((session) => session.startsAt > now);
    expect(past.length).toBeGreaterThanOrEqual(1);
    expect(upcoming.length).toBeGreaterThanOrEqual(1);
    // Held: the working group's older meeting also has its minutes approved.
    expect(
      past.every(
        (session) => session.status === (session.kind === 'working_group' && session !== past.findLast((other) => other.kind === 'working_group') ? 'minutes_approved' : 'ended'),
      ),
    ).toBe(true);
    expect(upcoming.every((session) => session.status === 'scheduled')).toBe(true);
    expect(new Set(sessions.map((session) => session.kind))).toEqual(new Set(['case_review', 'training', 'keynote', 'working_group']));

    const numbers = sessions.map((session) => session.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));

    const upcomingLimit = now.getTime() + 28 * 24 * 3600_000;
    expect(upcoming.every((session) => session.startsAt.getTime() < upcomingLimit)).toBe(true);
  });

  it('starts sessions at 10:00 or 12:00 on a weekday in Mexico City', async () => {
    for (const session of await db.models.sessions.find().lean()) {
      const local = utcToZonedWallTime(session.startsAt, DEFAULT_TIME_ZONE);
      expect(['10:00', '12:00']).toContain(local.slice(11));
      expect([1, 2, 3, 4, 5]).toContain(new Date(`${local.slice(0, 10)}T00:00:00Z`).getUTCDay());
      expect(session.timeZone).toBe(DEFAULT_TIME_ZONE);
    }
  });

  it('invites existing centres, keeps agendas within the session and credits the coordinator', async () => {
    const centerIds = new Set((await db.models.centers.find().lean()).map((center) => String(center._id)));
    const coordinator = await db.models.users.findOne({ email: 'coordinacion@oncoboard.mx' }).lean();
    for (const session of await db.models.sessions.find().lean()) {
      expect(centerIds.has(String(session.hostCenterId)), session.title).toBe(true);
      expect(session.invitedCenterIds.length).toBeGreaterThanOrEqual(3);
      expect(session.invitedCenterIds.length).toBeLessThanOrEqual(8);
      for (const id of session.invitedCenterIds) expect(centerIds.has(String(id)), session.title).toBe(true);
      expect(session.invitedCenterIds.map(String)).not.toContain(String(session.hostCenterId));

      const agendaMinutes = session.agenda.reduce((sum, item) => sum + item.durationMinutes, 0);
      expect(agendaMinutes).toBeGreaterThan(0);
      expect(agendaMinutes, session.title).toBeLessThanOrEqual(session.durationMinutes);
      expect(new Set(session.agenda.map((item) => item.id)).size).toBe(session.agenda.length);
      if (session.kind === 'case_review') {
        expect(session.agenda.some((item) => item.kind === 'case')).toBe(true);
        expect(session.agenda.some((item) => item.kind === 'agreement_followup')).toBe(true);
      }
      expect(String(session.createdBy)).toBe(String(coordinator!._id));
    }
  });

  it('gives past case reviews their pseudonymised cases, linked from the agenda and presented by invited centres', async () => {
    const cases = await db.models.cases.find().lean();
    expect(cases.length).toBeGreaterThanOrEqual(5);
    for (const presented of cases) {
      const session = await db.models.sessions.findById(presented.sessionId).lean();
      expect(session!.status).toBe('ended');
      expect(session!.agenda.some((item) => String(item.caseId) === String(presented._id))).toBe(true);
      expect([session!.hostCenterId, ...session!.invitedCenterIds].map(String)).toContain(String(presented.centerId));
      const { _id, sessionId, centerId, createdBy, attachments, version, createdAt, updatedAt, ...fields } = presented;
      expect(caseFieldsWithoutIdentity.safeParse(fields).error?.issues).toBeUndefined();
    }
    const upcoming = await db.models.sessions.find({ status: 'scheduled' }).lean();
    expect(await db.models.cases.countDocuments({ sessionId: { $in: upcoming.map((session) => session._id) } })).toBe(0);
  });

  it('gives demo patients pathway dates around the seeding day, in every state the clocks know', async () => {
    const today = calendarDayOf(now);
    const clocks = (await db.models.cases.find().sort({ caseCode: 1 }).lean()).flatMap((presented) => {
      const pathway = { ...blankPathway, ...presented.pathway };
      expect(pathwayIssues(pathway, today), presented.caseCode).toEqual([]);
      return pathwayClocks(pathway, [], today).map((clock) => ({ caseCode: presented.caseCode, ...clock }));
    });
    expect(new Set(clocks.map((clock) => clock.state))).toEqual(new Set(['met', 'missed', 'waiting', 'overdue']));
    expect(clocks.filter(needsAttention).map(({ caseCode, commitment, state, days }) => ({ caseCode, commitment, state, days }))).toEqual([
      { caseCode: 'JAL-2026-009', commitment: 'treatment', state: 'overdue', days: 14 },
      { caseCode: 'YUC-2026-003', commitment: 'diagnosis', state: 'waiting', days: 1 },
    ]);
    expect(clocks).toContainEqual(expect.objectContaining({ caseCode: 'PUE-2026-004', startedOn: today, state: 'waiting', days: 7 }));
  });

  it('gives demo cases studies at the Puebla and Guadalajara laboratories, every type in every state the clocks know, received and resulted by their accounts', async () => {
    const accountOf = new Map<string, string>();
    const invited = (await db.models.sessions.find().lean()).flatMap((session) => [session.hostCenterId, ...session.invitedCenterIds]).map(String);
    for (const [code, email] of [
      ['CIB-PUE', 'laboratorio.cib@oncoboard.mx'],
      ['CRP-JAL', 'laboratorio.patologia.jal@oncoboard.mx'],
    ]) {
      const laboratory = await db.models.centers.findOne({ code }).lean();
      expect(laboratory?.kind, code).toBe('laboratory');
      const account = await db.models.users.findOne({ email }).lean();
      expect(account).toMatchObject({ roles: ['laboratory'], centerId: laboratory!._id });
      expect(await db.models.users.countDocuments({ centerId: laboratory!._id })).toBe(1);
      expect(invited).not.toContain(String(laboratory!._id));
      accountOf.set(String(laboratory!._id), String(account!._id));
    }

    const studies = await db.models.studies.find().lean();
    const stateOf = (study: (typeof studies)[number]) =>
      studyClock({ receivedAt: study.receivedAt ?? null, resultedAt: study.resultedAt ?? null }, study.turnaround, now)?.state ?? 'not received';
    for (const laboratoryId of accountOf.keys()) {
      const theirs = studies.filter((study) => String(study.laboratoryId) === laboratoryId);
      expect(new Set(theirs.map(stateOf)), laboratoryId).toEqual(new Set(['met', 'missed', 'waiting', 'overdue', 'not received']));
      // Over the last months, every type on time and late, for the laboratories' report.
      for (const type of studyTypes) {
        const states = theirs.filter((study) => study.type === type && (study.receivedAt?.getTime() ?? 0) > now.getTime() - 150 * 86_400_000).map(stateOf);
        expect(states, `${laboratoryId} ${type}`).toEqual(expect.arrayContaining(['met', 'missed']));
      }
    }
    for (const study of studies) {
      expect([...accountOf.keys()]).toContain(String(study.laboratoryId));
      const presented = await db.models.cases.findById(study.caseId).lean();
      expect([study.caseCode, String(study.sendingCenterId)]).toEqual([presented!.caseCode, String(presented!.centerId)]);
      if (study.receivedAt) expect(String(study.receivedBy)).toBe(accountOf.get(String(study.laboratoryId)));
      expect(studyTimeIssue({ sentAt: study.sentAt, receivedAt: study.receivedAt, resultedAt: study.resultedAt }, now)).toBeUndefined();
      expect(studyResultRequestSchema.safeParse({ resultedAt: now.toISOString(), summary: study.summary }).success).toBe(true);
      expect(sendStudyRequestSchema.safeParse({ ...study, laboratoryId: String(study.laboratoryId), sentAt: study.sentAt.toISOString() }).success).toBe(true);
    }
  });

  it('follows up the confirmed recommendations: every follow-through and course, reminders due and overdue, a death on an upcoming agenda', async () => {
    const today = calendarDayOf(now);
    const followUps = await db.models.followUps.find().lean();
    const statuses = new Set<string>();
    const outcomes = new Set<string>();
    for (const followUp of followUps) {
      const recommendation = await db.models.recommendations.findById(followUp._id).lean();
      expect(recommendation?.status).toBe('confirmed');
      const confirmedOn = calendarDayOf(recommendation!.confirmedAt!);
      if (followUp.followThrough) {
        const { status, reason, decidedOn } = followUp.followThrough;
        expect(followThroughRequestSchema.safeParse({ status, reason, decidedOn }).error?.issues).toBeUndefined();
        expect(followUpDayIssue('decidedOn', decidedOn, confirmedOn, today)).toBeUndefined();
        statuses.add(status);
      }
      for (const { months, course, assessedOn, diedOn, causeOfDeath, notes } of followUp.outcomes) {
        expect(outcomeRequestSchema.safeParse({ months, course, assessedOn, diedOn, causeOfDeath, notes }).error?.issues).toBeUndefined();
        expect(followUpDayIssue('assessedOn', assessedOn, confirmedOn, today)).toBeUndefined();
        if (diedOn) expect(followUpDayIssue('diedOn', diedOn, confirmedOn, today)).toBeUndefined();
        outcomes.add(`${months}:${course}`);
      }
    }
    expect(statuses).toEqual(new Set(followThroughStatuses));
    for (const months of outcomeCheckpoints)
      expect(
        [...outcomes].some((outcome) => outcome.startsWith(`${months}:`)),
        `${months} months`,
      ).toBe(true);
    for (const course of patientCourses)
      expect(
        [...outcomes].some((outcome) => outcome.endsWith(`:${course}`)),
        course,
      ).toBe(true);

    // The reminders as the demo presenter's home page and the coordinator's list them.
    const audit = new AuditLog(db.models);
    const service = new FollowUpService(db.models, new SessionService(db.models, new CenterService(db.models, audit), audit), audit, () => now);
    const actorOf = async (email: string): Promise<Actor> => {
      const user = (await db.models.users.findOne({ email }).lean())!;
      return { id: String(user._id), name: user.name, email, roles: user.roles, centerId: String(user.centerId), specialty: user.specialty };
    };
    const dueOf = async (email: string) =>
      (await service.due(await actorOf(email))).map((followUp) => ({
        caseCode: followUp.caseCode,
        followThrough: followUp.followThroughState,
        checkpoints: followUp.checkpoints.filter((checkpoint) => checkpoint.state === 'due' || checkpoint.state === 'overdue').map(({ months, state }) => `${months}:${state}`),
      }));
    expect(await dueOf('presenta.yucatan@oncoboard.mx')).toEqual([
      { caseCode: 'YUC-2025-033', followThrough: 'recorded', checkpoints: ['6:overdue'] },
      { caseCode: 'YUC-2025-021', followThrough: 'recorded', checkpoints: ['12:due'] },
      { caseCode: 'YUC-2026-003', followThrough: 'recorded', checkpoints: ['3:due'] },
    ]);
    const network = await dueOf('coordinacion@oncoboard.mx');
    expect(network.map((followUp) => followUp.followThrough)).toEqual(expect.arrayContaining(['due', 'overdue']));
    expect(network.map((followUp) => followUp.caseCode)).toEqual(expect.arrayContaining(['YUC-2025-033', 'YUC-2025-021', 'YUC-2026-003']));

    // One death is on an upcoming case review's agenda, the session after the one that discussed it.
    const reviewed = followUps.filter((followUp) => followUp.mortalityReview);
    expect(reviewed).toHaveLength(1);
    expect(followUps.filter((followUp) => followUp.outcomes.some((outcome) => outcome.course === 'deceased')).length).toBeGreaterThan(1);
    const [death] = reviewed;
    expect(death!.outcomes.some((outcome) => outcome.course === 'deceased')).toBe(true);
    const presented = (await db.models.cases.findById(death!._id).lean())!;
    const session = (await db.models.sessions.findById(death!.mortalityReview!.sessionId).lean())!;
    expect(session).toMatchObject({ kind: 'case_review', status: 'scheduled' });
    expect(session.startsAt > now).toBe(true);
    expect(String(session._id)).not.toBe(String(presented.sessionId));
    expect(session.agenda.find((item) => item.id === death!.mortalityReview!.agendaItemId)).toMatchObject({
      kind: 'mortality_review',
      title: `Revisión de defunción: ${presented.caseCode}`,
      durationMinutes: 10,
      caseId: presented._id,
    });
    expect((await service.get(await actorOf('coordinacion@oncoboard.mx'), String(presented._id)))?.mortalityReview).toMatchObject({
      sessionId: String(session._id),
      sessionNumber: session.number,
    });
  });

  it('holds the working group: offices with an authority each, two meetings with matters, agreements and families, and the next one', async () => {
    const offices = await db.models.centers.find({ kind: 'office' }).lean();
    expect(offices.map((office) => office.name)).toEqual(
      expect.arrayContaining(['Servicios de Salud de Chiapas', 'Secretaría de Salud de Yucatán', 'Servicios de Salud de Oaxaca']),
    );
    for (const office of offices) expect(await db.models.users.countDocuments({ centerId: office._id, roles: 'attendee' }), office.name).toBe(1);
    const meetings = await db.models.sessions.find({ kind: 'working_group' }).sort({ startsAt: 1 }).lean();
    const held = meetings.filter((meeting) => meeting.startsAt < now);
    expect(held.map((meeting) => meeting.status)).toEqual(['minutes_approved', 'ended']);
    const upcoming = meetings.filter((meeting) => meeting.startsAt > now);
    expect(upcoming).toHaveLength(1);
    expect(upcoming[0]!.invitedCenterIds.map(String)).toEqual(expect.arrayContaining(offices.map((office) => String(office._id))));
    const coordinator = await db.models.users.findOne({ email: 'coordinacion@oncoboard.mx' }).lean();
    expect(String(upcoming[0]!.hostCenterId)).toBe(String(coordinator!.centerId));

    const matters = await db.models.matters.find().lean();
    expect(new Set(matters.map((matter) => String(matter.sessionId)))).toEqual(new Set(held.map((meeting) => String(meeting._id))));
    expect(new Set(matters.map((matter) => matter.topic)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(matters.map((matter) => matter.state)).size).toBeGreaterThanOrEqual(3);
    for (const matter of matters) expect(firstNameSchema.safeParse(matter.raisedBy).success, matter.raisedBy).toBe(true);
    const answers = await db.models.agreements.find({ matterId: { $in: matters.map((matter) => matter._id) } }).lean();
    const officeIds = offices.map((office) => String(office._id));
    expect(answers.some((agreement) => officeIds.includes(String(agreement.responsibleCenterId)))).toBe(true);
    const today = calendarDayOf(now);
    expect(answers.some((agreement) => agreement.status === 'done')).toBe(true);
    expect(answers.filter((agreement) => agreement.status !== 'done' && agreement.dueDate < today)).toHaveLength(1);

    for (const meeting of held) {
      const families = await db.models.guests.find({ sessionId: meeting._id, kind: 'family' }).lean();
      expect(families.length).toBeGreaterThanOrEqual(2);
      const marks = (await db.models.attendances.findById(meeting._id).lean())!.marks;
      for (const family of families) expect(marks.some((mark) => String(mark.userId) === String(family._id) && mark.kind === 'join')).toBe(true);
      const minutes = await db.models.minutes.findById(meeting._id).lean();
      expect(minutes!.text).toContain('MESA DE TRABAJO CON FAMILIAS');
      expect(minutes!.text).toContain(families[0]!.name);
      expect(minutes!.status).toBe(meeting.status === 'minutes_approved' ? 'approved' : 'draft');
    }
  });

  it('does nothing on a database that already has centres', async () => {
    const counts = async () => ({
      cases: await db.models.cases.countDocuments(),
      centers: await db.models.centers.countDocuments(),
      users: await db.models.users.countDocuments(),
      sessions: await db.models.sessions.countDocuments(),
      sessionCounter: (await db.models.counters.findById('session').lean())?.value,
    });
    const before = await counts();
    expect(await seedDemoData(db.models, { now })).toEqual({ seeded: false });
    expect(await counts()).toEqual(before);
  });
});
