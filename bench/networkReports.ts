/**
 * The reports page over 3 and then 10 years of a national network (BENCH_YEARS, `3,10` by
 * default), one session's attendance ledger and the other page reads after each, and a long
 * minutes PDF. The report and the ledger are timed beside their bare counterparts (bareReads.ts:
 * the same database reads, made straight with the driver), in turns round by round. The network
 * is written a span at a time: the most recent years first, measured, then the years before them
 * added and measured again — the same sessions, ledger and pages, over more history. Real server
 * on the embedded database (or MONGODB_URI). Prints its figures.
 */
import { performance } from 'node:perf_hooks';
import type { Actor } from '../server/domain/actor';
import { renderMinutesPdf } from '../server/pdf/minutesPdf';
import { DEFAULT_TIME_ZONE } from '../shared/mexico';
import { utcToZonedWallTime } from '../shared/time';
import { apiClient, signIn } from '../tests/support/accounts';
import { bareLedgerReads, bareReportReads } from './bareReads';
import { benchServer } from './benchServer';
import { DAY_MS, PEOPLE_PER_SESSION, planSessions, seedPeople, seedSessions, sessionsAged } from './networkSeed';
import { median, timeInTurns } from './timing';

const YEAR_STEPS = (process.env.BENCH_YEARS ?? '3,10')
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** The issue's targets: reports over 10 years of the network under 1 s, one session's ledger under 50 ms (fewer years must do no worse). */
const TARGET_MS = { report: 1000, ledger: 50 };

const dayOf = (instant: number) => utcToZonedWallTime(new Date(instant), DEFAULT_TIME_ZONE).slice(0, 10);
const ms = (value: number, width = 7) => value.toFixed(1).padStart(width);

/** One line of the closing table: the app's figure beside its bare counterpart's, against the target. */
interface Figure {
  label: string;
  target: number;
  app: number;
  bare: number;
}

const { db, server, close } = await benchServer();
try {
  const people = await seedPeople(db);
  const now = Date.now();
  const plan = planSessions(YEAR_STEPS.at(-1)!, now);
  const latest = plan.at(-1)!;
  const latestCase = plan.findLast((held) => held.caseId)!;
  const api = apiClient(server.url, await signIn(server.url, people.coordinator.email));
  const bareReport = bareReportReads(db);
  const bareLedger = bareLedgerReads(db);
  const read = (path: string) => async () => {
    const { status } = await api('GET', path);
    if (status !== 200) throw new Error(`GET ${path} answered ${status}`);
  };
  const { coordinator, centers } = people;
  const actor: Actor = { id: coordinator.id, name: coordinator.name, email: coordinator.email, roles: ['coordinator'], centerId: centers[0]!, specialty: '' };

  const figures: Figure[] = [];
  const floor: string[] = [];
  let seededYears = 0;
  let presenceLines = 0;
  let newestCertificate: string | undefined;
  for (const years of YEAR_STEPS) {
    const seeded = await seedSessions(db, people, sessionsAged(plan, now, years, seededYears));
    seededYears = years;
    presenceLines += seeded.presenceLines;
    newestCertificate ??= seeded.certificateCodes.at(-1);
    // The first report computes every summary, as after an upgrade: those of the years measured before too.
    await db.models.attendanceSummaries.deleteMany({});

    const range = { from: dayOf(now - years * 365 * DAY_MS), to: dayOf(now) };
    const reportPath = `/reports?from=${range.from}&to=${range.to}`;
    const firstStart = performance.now();
    const { status, body: first } = await api('GET', reportPath);
    const firstReportMs = performance.now() - firstStart;
    if (status !== 200) throw new Error(`GET ${reportPath} answered ${status}`);
    const [appReport, bareReportTimes] = await timeInTurns(ROUNDS, [read(reportPath), () => bareReport(range)]);
    const [appLedger, bareLedgerTimes] = await timeInTurns(ROUNDS, [read(`/sessions/${latest._id}/attendance`), () => bareLedger(latest._id)]);
    figures.push(
      { label: `reports over ${years} years`, target: TARGET_MS.report, app: median(appReport!), bare: median(bareReportTimes!) },
      { label: `one session's ledger after ${years} years`, target: TARGET_MS.ledger, app: median(appLedger!), bare: median(bareLedgerTimes!) },
    );

    const caseId = String(latestCase.caseId);
    const pageReads: [string, () => Promise<unknown>][] = [
      ['GET /api/health (no database: the HTTP floor)', read('/health')],
      ['GET /api/auth/me', read('/auth/me')],
      ['GET /api/sessions', read('/sessions')],
      ['GET /api/sessions/:id', read(`/sessions/${latest._id}`)],
      ['GET /api/sessions/:id/cases', read(`/sessions/${latest._id}/cases`)],
      ['GET /api/sessions/:id/agreements', read(`/sessions/${latest._id}/agreements`)],
      ['GET /api/sessions/:id/agreements/follow-up', read(`/sessions/${latest._id}/agreements/follow-up`)],
      ['GET /api/sessions/:id/minutes', read(`/sessions/${latest._id}/minutes`)],
      ['GET /api/cases/:id', read(`/cases/${caseId}`)],
      ['GET /api/cases/:id/recommendation', read(`/cases/${caseId}/recommendation`)],
      ['GET /api/certificates/:code (public)', read(`/certificates/${newestCertificate}`)],
      ['room: chat on entering', () => server.services.live.chat(String(latest._id))],
      ['room: a case’s opinions', () => server.services.opinions.list(actor, String(latestCase._id), caseId)],
      ['room: a case’s vote', () => server.services.votes.get(String(latestCase._id), caseId)],
    ];
    const pageTimes = await timeInTurns(
      ROUNDS,
      pageReads.map(([, work]) => work),
    );

    floor.push(`${ms(median(pageTimes[0]!)).trim()} ms after ${years} years`);
    const held = sessionsAged(plan, now, years);
    console.log(
      `\n${years} years: ${held.length} sessions, ${held.filter((session) => session.caseId).length} cases, ${presenceLines} presence lines` +
        ` (the report counts ${first.report.totals.sessions} sessions, ${first.report.totals.casesReviewed} cases)`,
    );
    console.log(`reports over ${years} years, first (every summary computed): ${firstReportMs.toFixed(0)} ms`);
    console.log(`page reads after ${years} years (median of ${ROUNDS}, ms):`);
    for (const [index, [label]] of pageReads.entries()) console.log(`  ${label.padEnd(48)} ${ms(median(pageTimes[index]!))}`);
  }

  const minutesText = Array.from({ length: 1500 }, (_, index) =>
    index % 40 === 0 ? 'CASOS PRESENTADOS' : `- Opinión ${index}: continuar el protocolo con ajuste de dosis según la respuesta medular y revalorar.`,
  ).join('\n');
  const session = { number: 1, title: 'Sesión larga', kind: 'case_review' as const, startsAt: new Date(), timeZone: DEFAULT_TIME_ZONE, hostCenterName: 'Centro' };
  const minutes = { sessionId: 'x', status: 'approved' as const, text: minutesText, version: 1, updatedAt: '', approvedAt: new Date().toISOString(), corrections: [] };
  let pages = 0;
  const [pdfTimes] = await timeInTurns(3, [
    async () => {
      const bytes = await renderMinutesPdf({ session, minutes, approvedByName: 'Coordinadora' }, async () => {});
      pages = (bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    },
  ]);
  console.log(`\nminutes PDF of ${pages} pages (median of 3): ${median(pdfTimes!).toFixed(0)} ms`);

  console.log(`\nthe app beside its bare counterpart (the same database reads from the bench, no HTTP), median of ${ROUNDS} rounds in turns, ms:`);
  console.log(`  ${''.padEnd(40)} ${'target'.padStart(7)} ${'app'.padStart(7)} ${'bare'.padStart(7)} ${'app/bare'.padStart(9)}  met`);
  for (const { label, target, app, bare } of figures) {
    console.log(`  ${label.padEnd(40)} ${ms(target)} ${ms(app)} ${ms(bare)} ${`${(app / bare).toFixed(1)}×`.padStart(9)}  ${app < target ? 'yes' : 'no'}`);
  }
  console.log(`  (one session's ledger: ${PEOPLE_PER_SESSION} people with a reconnection each)`);
  console.log(`the HTTP floor, GET /api/health (no database): ${floor.join(', ')}`);
  const memory = process.memoryUsage();
  console.log(`server process: rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`);
  console.log(`bench wall time: ${(performance.now() / 1000).toFixed(1)} s`);
} finally {
  await close();
}
