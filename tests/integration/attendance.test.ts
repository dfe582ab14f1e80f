import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { PresenceRecovery } from '../../server/domain/presenceRecovery';
import { apiClient, createAccount, createCenter, signIn, type TestAccount } from '../support/accounts';
import { pdfPages } from '../support/pdfText';
import { createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let training: string;
let caseReview: string;
let startsAt: Date;
let merida: string;
let oaxaca: string;
const people: Record<'coordinator' | 'twoTabs' | 'reconnected' | 'brief' | 'oaxacan', TestAccount> = {} as never;
const cookies: Partial<Record<keyof typeof people, string>> = {};
const as = (who: keyof typeof people) => apiClient(server.url, cookies[who]);
const minute = (offset: number) => new Date(startsAt.getTime() + offset * 60_000);

async function download(who: keyof typeof people | null, path: string) {
  const response = await fetch(`${server.url}/api${path}`, { headers: who ? { cookie: cookies[who]! } : {} });
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** Presence lines as the room writes them, at chosen minutes of the session. */
async function presence(sessionId: string, account: TestAccount, centerId: string, marks: [peer: string, kind: 'join' | 'leave', minute: number][]) {
  await server.services.presence.append(
    sessionId,
    marks.map(([peer, kind, offset]) => ({ userId: account.id, centerId, peerId: `${account.id}-${peer}`, displayName: account.name, kind, at: minute(offset) })),
  );
}

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  merida = await createCenter(db, 'YUC');
  oaxaca = await createCenter(db, 'OAX');
  people.coordinator = await createAccount(db, ['coordinator'], merida, 'Dra. Coordinadora');
  people.twoTabs = await createAccount(db, ['attendee'], merida, 'Dra. Dos Pestañas');
  people.reconnected = await createAccount(db, ['attendee'], merida, 'Dr. Reconectado');
  people.brief = await createAccount(db, ['attendee'], merida, 'Dr. Breve');
  people.oaxacan = await createAccount(db, ['presenter'], oaxaca, 'Dra. Oaxaqueña');
  for (const who of Object.keys(people) as (keyof typeof people)[]) cookies[who] = await signIn(server.url, people[who].email);

  const base = { hostCenterId: merida, invitedCenterIds: [oaxaca], createdBy: people.coordinator.id, startsInMinutes: -120, durationMinutes: 60 };
  training = await createSessionSoon(db, { ...base, kind: 'training', title: 'Capacitación: Hora dorada en neutropenia febril' });
  caseReview = await createSessionSoon(db, { ...base, title: 'Casos clínicos' });
  startsAt = (await db.models.sessions.findById(training).lean())!.startsAt;
  await db.models.sessions.updateMany({ _id: { $in: [training, caseReview] } }, { $set: { status: 'ended', endedAt: minute(60) } });

  // 10–55 in two overlapping tabs: 45 minutes, counted once. Credit needs 48 of 60.
  await presence(training, people.twoTabs, merida, [
    ['a', 'join', 10],
    ['b', 'join', 20],
    ['a', 'leave', 40],
    ['b', 'leave', 55],
  ]);
  // From the lobby before the start, a dropped connection, back until after the end: 60 − 3.
  await presence(training, people.reconnected, merida, [
    ['a', 'join', -10],
    ['a', 'leave', 30],
    ['b', 'join', 33],
    ['b', 'leave', 70],
  ]);
  await presence(training, people.brief, merida, [
    ['a', 'join', 0],
    ['a', 'leave', 15],
    ['ghost', 'leave', 20],
  ]);
  await presence(training, people.oaxacan, oaxaca, [
    ['a', 'join', 2],
    ['a', 'leave', 60],
  ]);
  await presence(caseReview, people.oaxacan, oaxaca, [
    ['a', 'join', 0],
    ['a', 'leave', 60],
  ]);
});
afterAll(async () => {
  await server?.close();
  if (db) await dropTestDatabase(db);
});

describe('the attendance ledger', () => {
  it('merges tabs and reconnections, clips to the session and credits against its threshold', async () => {
    const { body } = await as('coordinator')('GET', `/sessions/${training}/attendance`);
    expect(body.attendance).toMatchObject({ durationMinutes: 60, creditThresholdPercent: 80, certifies: true, final: true });
    const byName = Object.fromEntries(body.attendance.entries.map((entry: { name: string }) => [entry.name, entry]));
    expect(byName['Dra. Dos Pestañas']).toMatchObject({
      minutesPresent: 45,
      percentOfSession: 75,
      credited: false,
      intervals: [{ from: minute(10).toISOString(), to: minute(55).toISOString() }],
    });
    expect(byName['Dr. Reconectado']).toMatchObject({
      minutesPresent: 57,
      credited: true,
      firstJoinAt: minute(-10).toISOString(),
      lastLeaveAt: minute(70).toISOString(),
      intervals: [
        { from: minute(0).toISOString(), to: minute(30).toISOString() },
        { from: minute(33).toISOString(), to: minute(60).toISOString() },
      ],
    });
    expect(byName['Dr. Breve']).toMatchObject({ minutesPresent: 15, credited: false });
    expect(byName['Dra. Oaxaqueña']).toMatchObject({ minutesPresent: 58, credited: true, centerId: oaxaca });
  });

  it('shows a centre only its own people; the coordinator everyone', async () => {
    const { body } = await as('oaxacan')('GET', `/sessions/${training}/attendance`);
    expect(body.attendance.entries.map((entry: { name: string }) => entry.name)).toEqual(['Dra. Oaxaqueña']);
  });

  it('lets only a coordinator correct an entry, keeping the reason in the audit log', async () => {
    const correction = { userId: people.twoTabs.id, credited: true, minutesPresent: 50, reason: 'Siguió la sesión desde la sala del hospital con un colega' };
    expect(await as('oaxacan')('POST', `/sessions/${training}/attendance/corrections`, correction)).toMatchObject({ status: 403 });
    expect(await as('coordinator')('POST', `/sessions/${training}/attendance/corrections`, { ...correction, reason: '' })).toMatchObject({
      status: 400,
      body: { error: { field: 'reason' } },
    });
    expect(await as('coordinator')('POST', `/sessions/${training}/attendance/corrections`, { ...correction, userId: '0123456789abcdef01234567' })).toMatchObject({
      status: 400,
      body: { error: { field: 'userId' } },
    });

    const corrected = await as('coordinator')('POST', `/sessions/${training}/attendance/corrections`, correction);
    expect(corrected).toMatchObject({
      status: 201,
      body: { entry: { computedMinutes: 45, minutesPresent: 50, credited: true, correction: { reason: correction.reason, byName: 'Dra. Coordinadora' } } },
    });
    const [entry] = await server.services.audit.history('attendance', training);
    expect(entry).toMatchObject({ action: 'correct', summary: `asistencia corregida: ${correction.reason}` });
  });
});

describe('certificates', () => {
  it('issues one to a credited participant, whose code the public page verifies showing only whose and which session', async () => {
    const first = await download('reconnected', `/sessions/${training}/certificates/${people.reconnected.id}`);
    expect(first.status).toBe(200);
    const [page] = await pdfPages(first.bytes);
    const text = page!.replace(/\s+/g, ' ');
    const code = /Código de verificación: ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(text)?.[1];
    expect(code).toBeDefined();
    for (const expected of [
      'CONSTANCIA',
      'Dr. Reconectado',
      'capacitación',
      '«Capacitación: Hora dorada en neutropenia febril»',
      'asistencia registrada de 57 minutos',
      `/verificar/${code}`,
    ]) {
      expect(text).toContain(expected);
    }
    const again = await download('reconnected', `/sessions/${training}/certificates/${people.reconnected.id}`);
    expect((await pdfPages(again.bytes))[0]).toContain(code);
    expect(await db.models.certificates.countDocuments({ sessionId: training })).toBe(1);

    const verified = await apiClient(server.url)('GET', `/certificates/${code!.toLowerCase()}`);
    expect(verified.status).toBe(200);
    expect(Object.keys(verified.body.certificate).sort()).toEqual(['code', 'issuedAt', 'name', 'revoked', 'sessionDate', 'sessionKind', 'sessionNumber', 'sessionTitle']);
    expect(verified.body.certificate).toMatchObject({
      code,
      name: 'Dr. Reconectado',
      sessionTitle: 'Capacitación: Hora dorada en neutropenia febril',
      sessionKind: 'training',
      revoked: false,
    });
    expect(await apiClient(server.url)('GET', '/certificates/ZZZZ-ZZZZ-ZZZZ')).toMatchObject({ status: 404 });
    expect(await apiClient(server.url)('GET', '/certificates/not-a-code')).toMatchObject({ status: 400, body: { error: { field: 'code' } } });
  });

  it('refuses one below the threshold, for a case review, or for someone else; a coordinator may fetch it for them', async () => {
    expect(await as('brief')('GET', `/sessions/${training}/certificates/${people.brief.id}`)).toMatchObject({ status: 409, body: { error: { reason: 'not_credited' } } });
    expect(await as('oaxacan')('GET', `/sessions/${caseReview}/certificates/${people.oaxacan.id}`)).toMatchObject({ status: 409, body: { error: { reason: 'not_certifying' } } });
    expect(await as('brief')('GET', `/sessions/${training}/certificates/${people.oaxacan.id}`)).toMatchObject({ status: 403 });
    expect((await download('coordinator', `/sessions/${training}/certificates/${people.oaxacan.id}`)).status).toBe(200);
  });

  it('lists a participant’s certificates, and revokes one when a correction takes the credit away', async () => {
    const mine = await as('twoTabs')('GET', '/me/certificates');
    expect(mine.body.certificates).toEqual([expect.objectContaining({ sessionId: training, minutesPresent: 50, code: null })]);
    const issued = await download('twoTabs', `/sessions/${training}/certificates/${people.twoTabs.id}`);
    const code = /([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec((await pdfPages(issued.bytes))[0]!)![1];

    await as('coordinator')('POST', `/sessions/${training}/attendance/corrections`, {
      userId: people.twoTabs.id,
      credited: false,
      reason: 'La sala del hospital no registró su asistencia',
    });
    expect(await apiClient(server.url)('GET', `/certificates/${code}`)).toMatchObject({ status: 200, body: { certificate: { revoked: true } } });
    expect(await as('twoTabs')('GET', `/sessions/${training}/certificates/${people.twoTabs.id}`)).toMatchObject({ status: 409 });
    expect((await as('twoTabs')('GET', '/me/certificates')).body.certificates).toEqual([]);

    await as('coordinator')('POST', `/sessions/${training}/attendance/corrections`, { userId: people.twoTabs.id, credited: true, reason: 'Se encontró su registro en la sala' });
    expect(await apiClient(server.url)('GET', `/certificates/${code}`)).toMatchObject({ status: 200, body: { certificate: { revoked: false } } });
  });
});

describe('attendance exports', () => {
  it('exports a session as CSV a spreadsheet opens, with corrections and certificate codes', async () => {
    const file = await download('coordinator', `/sessions/${training}/attendance.csv`);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = new TextDecoder()
      .decode(file.bytes)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Nombre,Centro,Primera entrada,Última salida,Minutos calculados,Minutos presente,% de la sesión,Acreditado,Motivo de corrección,Corrigió,Código de constancia',
    );
    expect(lines).toHaveLength(5);
    expect(lines.find((line) => line.startsWith('Dra. Dos Pestañas'))).toMatch(/,45,45,75,Sí,Se encontró su registro en la sala,Dra. Coordinadora,[A-Z0-9-]{14}$/);
    expect(lines.find((line) => line.startsWith('Dr. Reconectado'))).toMatch(/,57,57,95,Sí,,,[A-Z0-9-]{14}$/);
  });

  it('exports a centre’s people over a date range; other centres only to coordinators', async () => {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City' }).format(startsAt);
    const range = `from=${day}&to=${day}`;
    const own = await download('oaxacan', `/attendance.csv?${range}`);
    const rows = new TextDecoder().decode(own.bytes).trim().split('\r\n').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.includes('Dra. Oaxaqueña'))).toBe(true);
    expect(await as('oaxacan')('GET', `/attendance.csv?${range}&centerId=${merida}`)).toMatchObject({ status: 403 });
    const meridaFile = await download('coordinator', `/attendance.csv?${range}&centerId=${merida}`);
    expect(new TextDecoder().decode(meridaFile.bytes).trim().split('\r\n')).toHaveLength(4);
  });
});

describe('after the server stopped without recording leaves', () => {
  it('closes the connections still open at the last moment the server was known alive, once', async () => {
    const live = await createSessionSoon(db, { hostCenterId: merida, createdBy: people.coordinator.id, startsInMinutes: -40, durationMinutes: 60 });
    await db.models.sessions.updateOne({ _id: live }, { $set: { status: 'live' } });
    const liveStart = (await db.models.sessions.findById(live).lean())!.startsAt;
    const at = (offset: number) => new Date(liveStart.getTime() + offset * 60_000);
    const base = { userId: people.brief.id, centerId: merida, displayName: people.brief.name, instance: server.services.presence.instance };
    await server.services.presence.append(live, [
      { ...base, peerId: 'a', kind: 'join', at: at(0) },
      { ...base, peerId: 'a', kind: 'leave', at: at(5) },
      { ...base, peerId: 'b', kind: 'join', at: at(6) },
    ]);
    await new PresenceRecovery(db.models, server.services.presence, () => at(20)).beat();

    expect(await server.services.presenceRecovery.closeDangling()).toBe(1);
    expect(await server.services.presenceRecovery.closeDangling()).toBe(0);
    const { body } = await as('coordinator')('GET', `/sessions/${live}/attendance`);
    expect(body.attendance.entries).toEqual([
      expect.objectContaining({
        name: 'Dr. Breve',
        minutesPresent: 19,
        lastLeaveAt: at(20).toISOString(),
        intervals: [
          { from: at(0).toISOString(), to: at(5).toISOString() },
          { from: at(6).toISOString(), to: at(20).toISOString() },
        ],
      }),
    ]);
  });

  it('closes, from another instance, the connections of an instance silent for three minutes, once, leaving its own', async () => {
    const live = await createSessionSoon(db, { hostCenterId: merida, createdBy: people.coordinator.id, startsInMinutes: -40, durationMinutes: 60 });
    await db.models.sessions.updateOne({ _id: live }, { $set: { status: 'live' } });
    const liveStart = (await db.models.sessions.findById(live).lean())!.startsAt;
    const at = (offset: number) => new Date(liveStart.getTime() + offset * 60_000);
    const base = { userId: people.brief.id, centerId: merida, displayName: people.brief.name, kind: 'join' as const, at: at(1) };
    const own = server.services.presence.instance;
    // A mark from before instances were named belongs to the lone server of then.
    await server.services.presence.append(live, [
      { ...base, peerId: 'there', instance: 'oncoboard-2:3000' },
      { ...base, peerId: 'before', at: at(2) },
      { ...base, peerId: 'here', instance: own },
    ]);
    await db.models.heartbeats.create([
      { _id: 'oncoboard-2:3000', at: at(10) },
      { _id: 'server', at: at(11) },
    ]);
    const recovery = (minute: number) => new PresenceRecovery(db.models, server.services.presence, () => at(minute));

    expect(await recovery(13).closeSilentInstances()).toBe(0);
    expect(await recovery(15).closeSilentInstances()).toBe(2);
    expect(await recovery(16).closeSilentInstances()).toBe(0);
    const marks = await server.services.presence.history(live);
    expect(marks.filter((mark) => mark.kind === 'leave').map((mark) => [mark.peerId, mark.at])).toEqual([
      ['there', at(10)],
      ['before', at(11)],
    ]);
    expect(await db.models.heartbeats.countDocuments({ _id: { $in: ['oncoboard-2:3000', 'server'] } })).toBe(0);
  });
});
