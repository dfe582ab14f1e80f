/**
 * Years of a national network (BENCH_YEARS, 10 by default) at the pace the network reports —
 * about 63 sessions and 57 cases a year, 40 people per session with reconnections — and how long
 * the reports page over all of it, one session's attendance ledger and a long minutes PDF take to
 * compute. Real server on the embedded database (or MONGODB_URI). Prints its figures.
 */
import { performance } from 'node:perf_hooks';
import { Types } from 'mongoose';
import { attendanceRecordsOf } from '../server/db/models/attendance';
import type { Actor } from '../server/domain/actor';
import { renderMinutesPdf } from '../server/pdf/minutesPdf';
import { DEFAULT_TIME_ZONE } from '../shared/mexico';
import type { SessionKind } from '../shared/sessions';
import { utcToZonedWallTime } from '../shared/time';
import { apiClient, createAccount, createCenter, signIn } from '../tests/support/accounts';
import { benchServer } from './benchServer';

const YEARS = Number(process.env.BENCH_YEARS ?? 10);
const SESSIONS = Math.round((190 / 3) * YEARS);
const PEOPLE_PER_SESSION = 40;
const ROUNDS = 5;
const DAY_MS = 86_400_000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
async function timed(rounds: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return median(times);
}

const { db, server, close } = await benchServer();
try {
  const centers = await Promise.all(Array.from({ length: 36 }, () => createCenter(db)));
  const coordinator = await createAccount(db, ['coordinator'], centers[0]!, 'Coordinadora');
  const people = await db.models.users.insertMany(
    Array.from({ length: 36 * 4 }, (_, index) => ({
      name: `Participante ${index}`,
      email: `p${index}@bench.mx`,
      roles: ['attendee'],
      centerId: centers[index % 36],
      passwordHash: 'x',
    })),
  );
  const now = Date.now();
  const sessions = Array.from({ length: SESSIONS }, (_, index) => {
    const kind: SessionKind = index % 19 === 0 ? 'training' : index % 19 === 1 ? 'keynote' : 'case_review';
    const startsAt = new Date(now - (YEARS * 365 - index * ((YEARS * 365) / SESSIONS)) * DAY_MS);
    return {
      _id: new Types.ObjectId(),
      number: index + 1,
      kind,
      title: `Sesión ${index + 1}`,
      startsAt,
      endedAt: new Date(startsAt.getTime() + 92 * 60_000),
      timeZone: DEFAULT_TIME_ZONE,
      durationMinutes: 90,
      hostCenterId: centers[index % 36],
      invitedCenterIds: centers.slice(0, 8),
      status: 'ended',
      agenda: [],
      createdBy: coordinator.id,
    };
  });
  await db.models.sessions.insertMany(sessions);
  const reviews = sessions.filter((session) => session.kind === 'case_review');
  const cases = reviews.map((session, index) => ({
    _id: new Types.ObjectId(),
    sessionId: session._id,
    centerId: centers[index % 36],
    createdBy: coordinator.id,
    caseCode: `BEN-2026-${index}`,
    ageYears: 8,
    sex: 'female',
    state: 'YUC',
    icd10Code: 'C91.0',
    diagnosis: 'LLA',
    createdAt: new Date(session.startsAt.getTime() - 10 * DAY_MS),
  }));
  await db.models.cases.insertMany(cases);
  await db.models.recommendations.insertMany(
    cases.map((presented, index) => ({
      _id: presented._id,
      sessionId: presented.sessionId,
      caseId: presented._id,
      text: 'Continuar',
      status: 'confirmed',
      proposedBy: coordinator.id,
      confirmedBy: coordinator.id,
      confirmedAt: new Date(presented.createdAt.getTime() + 11 * DAY_MS),
      quorumSpecialties: ['A', 'B', 'C'].slice(0, 2 + (index % 2)),
      quorumRequired: 3,
    })),
  );
  const events = sessions.flatMap((session, index) =>
    Array.from({ length: PEOPLE_PER_SESSION }, (_, seat) => people[(index + seat) % people.length]!).flatMap((person, seat) => {
      const at = (minute: number) => new Date(session.startsAt.getTime() + minute * 60_000);
      const base = { sessionId: session._id, userId: person._id, centerId: person.centerId, displayName: person.name };
      return [
        { ...base, peerId: `${seat}-a`, kind: 'join', at: at(-5) },
        { ...base, peerId: `${seat}-a`, kind: 'leave', at: at(30 + (seat % 20)) },
        { ...base, peerId: `${seat}-b`, kind: 'join', at: at(32 + (seat % 20)) },
        { ...base, peerId: `${seat}-b`, kind: 'leave', at: at(80 + (seat % 15)) },
      ];
    }),
  );
  await db.models.attendances.insertMany(attendanceRecordsOf(events));

  // What else years of sessions leave behind: chat, opinions, votes, agreements with follow-ups,
  // minutes, certificates and the audit log.
  const seat = (index: number) => people[index % people.length]!;
  await db.models.chats.insertMany(
    sessions.map((held, index) => ({
      _id: held._id,
      lines: Array.from({ length: 60 }, (_, line) => ({
        userId: seat(index + line)._id,
        displayName: seat(index + line).name,
        centerId: seat(index + line).centerId,
        text: `Comentario ${line} sobre el caso`,
        at: new Date(held.startsAt.getTime() + line * 60_000),
      })),
    })),
  );
  await db.models.caseOpinions.insertMany(
    cases.map((presented, index) => ({
      _id: presented._id,
      sessionId: presented.sessionId,
      byAuthor: Object.fromEntries(
        Array.from({ length: 5 }, (_, author) => [
          String(seat(index + author)._id),
          {
            authorName: seat(index + author).name,
            centerId: seat(index + author).centerId,
            category: 'treatment',
            stance: 'agree',
            text: 'Continuar con el protocolo y revalorar en cuatro semanas.',
            published: true,
            updatedAt: new Date(),
          },
        ]),
      ),
    })),
  );
  await db.models.votes.insertMany(
    cases.map((presented, index) => ({
      _id: presented._id,
      sessionId: presented.sessionId,
      caseId: presented._id,
      question: '¿Se continúa el protocolo?',
      open: false,
      openedBy: coordinator.id,
      ballots: Array.from({ length: 8 }, (_, voter) => ({ userId: seat(index + voter)._id, name: seat(index + voter).name, choice: 'agree', at: new Date() })),
    })),
  );
  await db.models.agreements.insertMany(
    cases.flatMap((presented, index) => {
      const held = sessions.find((candidate) => candidate._id === presented.sessionId)!;
      return Array.from({ length: 2 }, (_, second) => ({
        sessionId: held._id,
        sessionNumber: held.number,
        sessionStartsAt: held.startsAt,
        caseId: presented._id,
        text: `Enviar los estudios de seguimiento del caso ${presented.caseCode}`,
        responsibleCenterId: centers[(index + second) % 36],
        dueDate: utcToZonedWallTime(new Date(held.startsAt.getTime() + 20 * DAY_MS), DEFAULT_TIME_ZONE).slice(0, 10),
        status: (index + second) % 5 === 0 ? 'in_progress' : 'done',
        followUps: Array.from({ length: 2 }, () => ({ at: new Date(), by: coordinator.id, byName: 'Coordinadora', note: 'Se enviaron los estudios.' })),
        createdBy: coordinator.id,
      }));
    }),
  );
  await db.models.minutes.insertMany(
    sessions.map((held) => ({
      _id: held._id,
      sessionId: held._id,
      status: 'approved',
      text: 'MINUTA\n'.repeat(400),
      version: 2,
      editedBy: coordinator.id,
      approvedBy: coordinator.id,
      approvedAt: new Date(),
    })),
  );
  const certifying = sessions.filter((held) => held.kind !== 'case_review');
  const certificates = certifying.flatMap((held, index) =>
    Array.from({ length: 30 }, (_, holder) => ({
      code: `B${index}-${holder}`,
      holderKey: `${held._id}:${seat(index + holder)._id}`,
      sessionId: held._id,
      userId: seat(index + holder)._id,
      name: seat(index + holder).name,
      centerName: 'Centro',
      minutesPresent: 80,
    })),
  );
  await db.models.certificates.insertMany(certificates);
  await db.models.auditEntries.insertMany(
    sessions.flatMap((held) =>
      Array.from({ length: 30 }, (_, entry) => ({ actorId: coordinator.id, action: 'update', entity: 'session', entityId: String(held._id), summary: `cambio ${entry}` })),
    ),
  );

  const api = apiClient(server.url, await signIn(server.url, coordinator.email));
  const from = utcToZonedWallTime(new Date(now - YEARS * 365 * DAY_MS), DEFAULT_TIME_ZONE).slice(0, 10);
  const to = utcToZonedWallTime(new Date(now), DEFAULT_TIME_ZONE).slice(0, 10);
  const report = async () => {
    const { status } = await api('GET', `/reports?from=${from}&to=${to}`);
    if (status !== 200) throw new Error(`report answered ${status}`);
  };
  const firstReportMs = await timed(1, report);
  const reportMs = await timed(ROUNDS, report);
  const latest = sessions.at(-1)!;
  const latestCase = cases.at(-1)!;
  const ledgerMs = await timed(ROUNDS, () => api('GET', `/sessions/${latest._id}/attendance`));
  const actor: Actor = { id: coordinator.id, name: coordinator.name, email: coordinator.email, roles: ['coordinator'], centerId: centers[0]!, specialty: '' };
  const pageReads: [string, () => Promise<unknown>][] = [
    ['GET /api/health (no database: the floor)', () => api('GET', '/health')],
    ['GET /api/auth/me', () => api('GET', '/auth/me')],
    ['GET /api/sessions', () => api('GET', '/sessions')],
    ['GET /api/sessions/:id', () => api('GET', `/sessions/${latest._id}`)],
    ['GET /api/sessions/:id/cases', () => api('GET', `/sessions/${latest._id}/cases`)],
    ['GET /api/sessions/:id/agreements', () => api('GET', `/sessions/${latest._id}/agreements`)],
    ['GET /api/sessions/:id/agreements/follow-up', () => api('GET', `/sessions/${latest._id}/agreements/follow-up`)],
    ['GET /api/sessions/:id/minutes', () => api('GET', `/sessions/${latest._id}/minutes`)],
    ['GET /api/cases/:id', () => api('GET', `/cases/${latestCase._id}`)],
    ['GET /api/cases/:id/recommendation', () => api('GET', `/cases/${latestCase._id}/recommendation`)],
    ['GET /api/certificates/:code (public)', () => api('GET', `/certificates/${certificates.at(-1)!.code}`)],
    ['room: chat on entering', () => server.services.live.chat(String(latest._id))],
    ['room: a case’s opinions', () => server.services.opinions.list(actor, String(latestCase.sessionId), String(latestCase._id))],
    ['room: a case’s vote', () => server.services.votes.get(String(latestCase.sessionId), String(latestCase._id))],
  ];
  const pageMs: [string, number][] = [];
  for (const [label, read] of pageReads) pageMs.push([label, await timed(ROUNDS, read)]);
  const minutesText = Array.from({ length: 1500 }, (_, index) =>
    index % 40 === 0 ? 'CASOS PRESENTADOS' : `- Opinión ${index}: continuar el protocolo con ajuste de dosis según la respuesta medular y revalorar.`,
  ).join('\n');
  const session = { number: 1, title: 'Sesión larga', kind: 'case_review' as const, startsAt: new Date(), timeZone: DEFAULT_TIME_ZONE, hostCenterName: 'Centro' };
  const minutes = { sessionId: 'x', status: 'approved' as const, text: minutesText, version: 1, updatedAt: '', approvedAt: new Date().toISOString(), corrections: [] };
  let pages = 0;
  const pdfMs = await timed(3, async () => {
    const bytes = await renderMinutesPdf({ session, minutes, approvedByName: 'Coordinadora' }, async () => {});
    pages = (bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  });
  const memory = process.memoryUsage();
  console.log(`network of ${SESSIONS} sessions, ${cases.length} cases, ${events.length} presence lines`);
  console.log(`reports over ${YEARS} years, first (summaries computed): ${firstReportMs.toFixed(0)} ms; then (median of ${ROUNDS}): ${reportMs.toFixed(0)} ms`);
  console.log(`one session's attendance ledger, ${PEOPLE_PER_SESSION} people (median of ${ROUNDS}): ${ledgerMs.toFixed(0)} ms`);
  console.log(`minutes PDF of ${pages} pages (median of 3): ${pdfMs.toFixed(0)} ms`);
  console.log(`page reads after ${YEARS} years (median of ${ROUNDS}):`);
  for (const [label, ms] of pageMs) console.log(`  ${label.padEnd(48)} ${ms.toFixed(1).padStart(7)} ms`);
  console.log(`server process: rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`);
} finally {
  await close();
}
