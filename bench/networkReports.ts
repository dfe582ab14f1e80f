/**
 * Years of a national network (BENCH_YEARS, 10 by default) at the pace the network reports —
 * about 63 sessions and 57 cases a year, 40 people per session with reconnections — and how long
 * the reports page over all of it, one session's attendance ledger and a long minutes PDF take to
 * compute. Real server on the embedded database (or MONGODB_URI). Prints its figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Types } from 'mongoose';
import { loadConfig } from '../server/config';
import { Database } from '../server/db/database';
import { attendanceRecordsOf } from '../server/db/models/attendance';
import { renderMinutesPdf } from '../server/pdf/minutesPdf';
import { DEFAULT_TIME_ZONE } from '../shared/mexico';
import type { SessionKind } from '../shared/sessions';
import { utcToZonedWallTime } from '../shared/time';
import { apiClient, createAccount, createCenter, signIn } from '../tests/support/accounts';
import { startTestServer } from '../tests/support/testServer';

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

const dataDir = mkdtempSync(path.join(tmpdir(), 'oncoboard-bench-'));
const db = await Database.open({ uri: process.env.MONGODB_URI, dataDir, embeddedBin: loadConfig().database.embeddedBin, dbName: `oncoboard_bench_${Date.now()}` });
const server = await startTestServer(db);
try {
  const centers = await Promise.all(Array.from({ length: 36 }, () => createCenter(db)));
  const coordinator = await createAccount(db, ['coordinator'], centers[0]!, 'Coordinadora');
  const people = await db.models.users.insertMany(
    Array.from({ length: 36 * 4 }, (_, index) => ({ name: `Participante ${index}`, email: `p${index}@bench.mx`, roles: ['attendee'], centerId: centers[index % 36], passwordHash: 'x' })),
  );
  const now = Date.now();
  const sessions = Array.from({ length: SESSIONS }, (_, index) => {
    const kind: SessionKind = index % 19 === 0 ? 'training' : index % 19 === 1 ? 'keynote' : 'case_review';
    const startsAt = new Date(now - (YEARS * 365 - index * ((YEARS * 365) / SESSIONS)) * DAY_MS);
    return { _id: new Types.ObjectId(), number: index + 1, kind, title: `Sesión ${index + 1}`, startsAt, endedAt: new Date(startsAt.getTime() + 92 * 60_000), timeZone: DEFAULT_TIME_ZONE, durationMinutes: 90, hostCenterId: centers[index % 36], invitedCenterIds: centers.slice(0, 8), status: 'ended', agenda: [], createdBy: coordinator.id };
  });
  await db.models.sessions.insertMany(sessions);
  const reviews = sessions.filter((session) => session.kind === 'case_review');
  const cases = reviews.map((session, index) => ({ _id: new Types.ObjectId(), sessionId: session._id, centerId: centers[index % 36], createdBy: coordinator.id, caseCode: `BEN-2026-${index}`, ageYears: 8, sex: 'female', state: 'YUC', icd10Code: 'C91.0', diagnosis: 'LLA', createdAt: new Date(session.startsAt.getTime() - 10 * DAY_MS) }));
  await db.models.cases.insertMany(cases);
  await db.models.recommendations.insertMany(cases.map((presented, index) => ({ sessionId: presented.sessionId, caseId: presented._id, text: 'Continuar', status: 'confirmed', proposedBy: coordinator.id, confirmedBy: coordinator.id, confirmedAt: new Date(presented.createdAt.getTime() + 11 * DAY_MS), quorumSpecialties: ['A', 'B', 'C'].slice(0, 2 + (index % 2)), quorumRequired: 3 })));
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

  const api = apiClient(server.url, await signIn(server.url, coordinator.email));
  const from = utcToZonedWallTime(new Date(now - YEARS * 365 * DAY_MS), DEFAULT_TIME_ZONE).slice(0, 10);
  const to = utcToZonedWallTime(new Date(now), DEFAULT_TIME_ZONE).slice(0, 10);
  const report = async () => {
    const { status } = await api('GET', `/reports?from=${from}&to=${to}`);
    if (status !== 200) throw new Error(`report answered ${status}`);
  };
  const firstReportMs = await timed(1, report);
  const reportMs = await timed(ROUNDS, report);
  const ledgerMs = await timed(ROUNDS, () => api('GET', `/sessions/${sessions.at(-1)!._id}/attendance`));
  const minutesText = Array.from({ length: 1500 }, (_, index) => (index % 40 === 0 ? 'CASOS PRESENTADOS' : `- Opinión ${index}: continuar el protocolo con ajuste de dosis según la respuesta medular y revalorar.`)).join('\n');
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
  console.log(`server process: rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`);
} finally {
  await server.close();
  await db.connection.dropDatabase();
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
}
