import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../server/db/database';
import { log } from '../../server/logger';
import { smtpMailer, type Mailer } from '../../server/notices/mailer';
import { Outbox } from '../../server/notices/outbox';
import { NoticeSender } from '../../server/notices/sender';
import { apiClient, createAccount, createCenter, signIn, type TestAccount } from '../support/accounts';
import { calendarOf } from '../support/calendar';
import { recipientsOf, TEST_MAIL_FROM, TEST_PUBLIC_URL, TestMailServer, until, type Received } from '../support/mailServer';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let mailServer: TestMailServer;
let hostCenter: string;
let invitedCenter: string;
let otherCenter: string;
let coordinator: TestAccount;
let hostDoctor: TestAccount;
let hostNurse: TestAccount;
let invitedDoctor: TestAccount;
let outsider: TestAccount;
let laboratory: TestAccount;
let retired: TestAccount;
let coordinatorApi: ReturnType<typeof apiClient>;

/** The messages about one session, once everything told of it so far has been queued and delivered or given up. */
async function settledMessages(sessionId: string): Promise<Received[]> {
  await server.notices.sessions.idle();
  await until(async () => !(await db.models.notices.countDocuments({ subjectId: sessionId, status: { $in: ['pending', 'sending'] } })), 'the outbox to empty');
  return mailServer.received.filter((message) => message.mail.text?.includes(`/sesiones/${sessionId}`));
}

async function schedule(title: string, startsAtLocal: string, invitedCenterIds = [invitedCenter]): Promise<{ id: string; version: number }> {
  const created = await coordinatorApi('POST', '/sessions', {
    kind: 'case_review',
    title,
    startsAtLocal,
    timeZone: 'America/Mexico_City',
    durationMinutes: 90,
    hostCenterId: hostCenter,
    invitedCenterIds,
  });
  expect(created.status).toBe(201);
  return created.body.session;
}

beforeAll(async () => {
  db = await openTestDatabase();
  mailServer = await TestMailServer.start();
  server = await startTestServer(db, { env: mailServer.serverEnv() });
  [hostCenter, invitedCenter, otherCenter] = await Promise.all([createCenter(db, 'YUC'), createCenter(db, 'JAL'), createCenter(db, 'CHIS')]);
  coordinator = await createAccount(db, ['coordinator'], otherCenter, 'Dra. Coordinadora');
  hostDoctor = await createAccount(db, ['presenter'], hostCenter, 'Dra. Ana Pérez');
  hostNurse = await createAccount(db, ['attendee'], hostCenter, 'Enf. Luis Díaz');
  invitedDoctor = await createAccount(db, ['expert'], invitedCenter, 'Dr. Jorge Ruiz');
  outsider = await createAccount(db, ['attendee'], otherCenter, 'Dr. Ajeno');
  laboratory = await createAccount(db, ['laboratory'], hostCenter, 'Laboratorio de referencia');
  retired = await createAccount(db, ['attendee'], invitedCenter, 'Dr. Jubilado');
  await db.models.users.updateOne({ _id: retired.id }, { $set: { active: false } });
  coordinatorApi = apiClient(server.url, await signIn(server.url, coordinator.email));
});

afterAll(async () => {
  await server?.close();
  await mailServer?.stop();
  if (db) await dropTestDatabase(db);
});

describe('email notices of sessions', () => {
  it('invites each active account of the host and invited centres once, in Spanish, with an .ics at the right instant', async () => {
    const session = await schedule('Tumores sólidos', '2031-12-09T10:00');
    const messages = await settledMessages(session.id);
    expect(recipientsOf(messages)).toEqual([hostDoctor.email, hostNurse.email, invitedDoctor.email].sort());
    for (const account of [coordinator, outsider, laboratory, retired]) expect(recipientsOf(mailServer.received)).not.toContain(account.email);

    const toAna = messages.find((message) => message.to.includes(hostDoctor.email))!.mail;
    expect(toAna.from?.value).toEqual([{ name: 'OncoBoard', address: 'avisos@oncoboard.prueba.mx' }]);
    expect(toAna.subject).toContain('Invitación: sesión');
    expect(toAna.subject).toContain('«Tumores sólidos»');
    expect(toAna.text).toContain('Hola, Dra. Ana Pérez:');
    expect(toAna.text).toContain('Fecha y hora: martes, 9 de diciembre de 2031, 10:00 h (hora de la Ciudad de México)');
    expect(toAna.text).toContain('Tipo: Revisión de casos clínicos');
    expect(toAna.text).toContain('Duración: 1 hora 30 minutos');
    expect(toAna.text).toMatch(/Centro sede: Centro de prueba T-/);
    expect(toAna.text).toContain(`Enlace: ${TEST_PUBLIC_URL}/sesiones/${session.id}`);
    expect(toAna.html).toContain(`href="${TEST_PUBLIC_URL}/sesiones/${session.id}"`);
    expect(calendarOf(toAna)).toMatchObject({ method: 'REQUEST', uid: `sesion-${session.id}@oncoboard.prueba.mx`, sequence: session.version, start: '2031-12-09T16:00:00.000Z' });
  });

  it('tells a change of time with the start before it and SEQUENCE one higher, and a cancellation with METHOD:CANCEL', async () => {
    const session = await schedule('Neuro-oncología', '2031-12-10T10:00');
    await settledMessages(session.id);
    const moved = await coordinatorApi('PATCH', `/sessions/${session.id}`, { version: session.version, startsAtLocal: '2031-12-11T12:30' });
    expect(moved.status).toBe(200);
    const afterChange = (await settledMessages(session.id)).filter((message) => message.mail.subject?.startsWith('Cambio:'));
    expect(recipientsOf(afterChange)).toEqual([hostDoctor.email, hostNurse.email, invitedDoctor.email].sort());
    const change = afterChange[0]!.mail;
    expect(change.subject).toContain('jueves, 11 de diciembre de 2031, 12:30 h');
    expect(change.text).toContain('Antes: miércoles, 10 de diciembre de 2031, 10:00 h (hora de la Ciudad de México).');
    expect(change.text).toContain('Fecha y hora: jueves, 11 de diciembre de 2031, 12:30 h (hora de la Ciudad de México)');
    expect(calendarOf(change)).toMatchObject({ method: 'REQUEST', sequence: session.version + 1, start: '2031-12-11T18:30:00.000Z' });

    // A new title alone is no news by email.
    const renamed = await coordinatorApi('PATCH', `/sessions/${session.id}`, { version: moved.body.session.version, title: 'Neuro-oncología pediátrica' });
    expect(renamed.status).toBe(200);
    const cancelled = await coordinatorApi('POST', `/sessions/${session.id}/cancel`, { version: renamed.body.session.version, reason: 'Día inhábil' });
    expect(cancelled.status).toBe(200);
    const all = await settledMessages(session.id);
    expect(all).toHaveLength(9);
    const cancellations = all.filter((message) => message.mail.subject?.startsWith('Cancelada:'));
    expect(recipientsOf(cancellations)).toEqual([hostDoctor.email, hostNurse.email, invitedDoctor.email].sort());
    expect(cancellations[0]!.mail.text).toContain('Motivo: Día inhábil.');
    expect(calendarOf(cancellations[0]!.mail)).toMatchObject({ method: 'CANCEL', sequence: cancelled.body.session.version, uid: `sesion-${session.id}@oncoboard.prueba.mx` });
  });

  it('invites a centre added later and withdraws the session from one dropped, telling the others nothing', async () => {
    const session = await schedule('Hematología', '2031-12-12T09:00');
    await settledMessages(session.id);
    const swapped = await coordinatorApi('PATCH', `/sessions/${session.id}`, { version: session.version, invitedCenterIds: [otherCenter] });
    expect(swapped.status).toBe(200);
    const after = (await settledMessages(session.id)).slice(3);
    expect(after.map((message) => `${message.to.join()} ${calendarOf(message.mail).method}`).sort()).toEqual(
      [`${coordinator.email} REQUEST`, `${outsider.email} REQUEST`, `${invitedDoctor.email} CANCEL`].sort(),
    );
  });

  it('sends nobody an email of a kind they turned off, and still the kinds they keep', async () => {
    const nurseApi = apiClient(server.url, await signIn(server.url, hostNurse.email));
    expect((await nurseApi('GET', '/me/notice-settings')).body.settings).toEqual({ emailOptOut: [], emailSent: true });
    const refused = await nurseApi('PUT', '/me/notice-settings', { emailOptOut: ['session_invitation', 'postcards'] });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('emailOptOut');
    const saved = await nurseApi('PUT', '/me/notice-settings', { emailOptOut: ['session_invitation'] });
    expect(saved.body.settings).toEqual({ emailOptOut: ['session_invitation'], emailSent: true });
    expect((await nurseApi('GET', '/me/notice-settings')).body.settings.emailOptOut).toEqual(['session_invitation']);

    const session = await schedule('Retinoblastoma', '2031-12-15T10:00');
    expect(recipientsOf(await settledMessages(session.id))).toEqual([hostDoctor.email, invitedDoctor.email].sort());
    await coordinatorApi('PATCH', `/sessions/${session.id}`, { version: session.version, durationMinutes: 120 });
    const changes = (await settledMessages(session.id)).filter((message) => message.mail.subject?.startsWith('Cambio:'));
    expect(recipientsOf(changes)).toEqual([hostDoctor.email, hostNurse.email, invitedDoctor.email].sort());
    expect(changes[0]!.mail.text).toContain('Duración: 2 horas');
    await nurseApi('PUT', '/me/notice-settings', { emailOptOut: [] });
  });

  it('tries again a message the mail server refused, delivers it once, and logs the refusals', async () => {
    const warnings = vi.spyOn(log, 'warn');
    mailServer.refusals.set(invitedDoctor.email, 2);
    const session = await schedule('Sarcomas', '2031-12-16T10:00');
    const messages = await settledMessages(session.id);
    expect(recipientsOf(messages)).toEqual([hostDoctor.email, hostNurse.email, invitedDoctor.email].sort());
    const notice = await db.models.notices.findOne({ subjectId: session.id, to: invitedDoctor.email }).lean();
    expect(notice).toMatchObject({ status: 'sent', attempts: 3 });
    expect(notice!.lastError).toContain('451');
    const retries = warnings.mock.calls.filter(([message, fields]) => message === 'notice not sent, to be tried again' && fields?.noticeId === String(notice!._id));
    expect(retries.map(([, fields]) => fields?.attempt)).toEqual([1, 2]);
    warnings.mockRestore();
  });

  it('gives up at once on an address the mail server says does not exist, and still delivers the others', async () => {
    const errors = vi.spyOn(log, 'error');
    mailServer.unknown.add(invitedDoctor.email);
    const session = await schedule('Tumores óseos', '2031-12-17T10:00');
    const messages = await settledMessages(session.id);
    mailServer.unknown.clear();
    expect(recipientsOf(messages)).toEqual([hostDoctor.email, hostNurse.email].sort());
    const notice = await db.models.notices.findOne({ subjectId: session.id, to: invitedDoctor.email }).lean();
    expect(notice).toMatchObject({ status: 'failed', attempts: 1 });
    expect(notice!.lastError).toContain('550');
    expect(errors.mock.calls.some(([message, fields]) => message === 'notice given up: the mail server did not take it' && fields?.noticeId === String(notice!._id))).toBe(true);
    errors.mockRestore();
  });

  it('answers at once while the mail server is down, and delivers once it is back', async () => {
    await mailServer.stop();
    const started = Date.now();
    const session = await schedule('Tumores hepáticos', '2031-12-17T10:00');
    expect(Date.now() - started).toBeLessThan(2000);
    await server.notices.sessions.idle();
    await until(async () => (await db.models.notices.countDocuments({ subjectId: session.id, status: 'pending', attempts: { $gte: 1 } })) === 3, 'failed first attempts');
    expect(mailServer.received.filter((message) => message.mail.text?.includes(session.id))).toEqual([]);
    await mailServer.start();
    expect(recipientsOf(await settledMessages(session.id))).toEqual([hostDoctor.email, hostNurse.email, invitedDoctor.email].sort());
  });

  it('sends each notice once while two senders (two servers) take from the same outbox', async () => {
    const crowdedCenter = await createCenter(db, 'OAX');
    const crowd = await Promise.all(Array.from({ length: 12 }, (_, index) => createAccount(db, ['attendee'], crowdedCenter, `Dra. Número ${index + 1}`)));
    let sentBySecond = 0;
    const mailer = smtpMailer({ smtpUrl: mailServer.smtpUrl, from: TEST_MAIL_FROM });
    const counting: Mailer = {
      send: async (mail) => {
        await mailer.send(mail);
        sentBySecond++;
      },
      close: () => mailer.close(),
    };
    const second = new NoticeSender(new Outbox(db.models, { retryBaseMs: 200, maxAttempts: 8 }), counting, 20);
    second.start();
    const session = await schedule('Tumores germinales', '2031-12-18T10:00', [crowdedCenter]);
    const messages = await settledMessages(session.id);
    const stopping = Date.now();
    await second.stop();
    expect(Date.now() - stopping).toBeLessThan(1000);
    expect(recipientsOf(messages)).toEqual([hostDoctor.email, hostNurse.email, ...crowd.map((account) => account.email)].sort());
    expect(sentBySecond).toBeGreaterThan(0);
    expect(sentBySecond).toBeLessThan(messages.length);
  });

  it('queues no email on a server without SMTP_URL, and works as before', async () => {
    const plain = await startTestServer(db);
    try {
      expect(plain.notices.sender).toBeUndefined();
      const api = apiClient(plain.url, await signIn(plain.url, coordinator.email));
      const created = await api('POST', '/sessions', {
        kind: 'training',
        title: 'Sin correo',
        startsAtLocal: '2031-12-19T10:00',
        durationMinutes: 60,
        hostCenterId: hostCenter,
        invitedCenterIds: [invitedCenter],
      });
      expect(created.status).toBe(201);
      const nurseApi = apiClient(plain.url, await signIn(plain.url, hostNurse.email));
      expect((await nurseApi('GET', '/me/notice-settings')).body.settings.emailSent).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await db.models.notices.countDocuments({ subjectId: created.body.session.id })).toBe(0);
    } finally {
      await plain.close();
    }
  });
});
