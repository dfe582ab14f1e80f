import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { AgreementNotices } from '../../server/notices/agreementNotices';
import type { AgreementDto } from '../../shared/agreements';
import { apiClient, createAccount, createCenter, signIn, type TestAccount } from '../support/accounts';
import { recipientsOf, TEST_PUBLIC_URL, TestMailServer, until, type Received } from '../support/mailServer';
import { createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * The sweeps' clock: 21:00 of 10 March 2031 in Mexico City, already the 11th in UTC. Years ahead,
 * so the server's own sweeps (on the real clock) never find these agreements due.
 */
const NOW = new Date('2031-03-11T03:00:00Z');

let db: Database;
let server: TestServer;
let mailServer: TestMailServer;
let responsible: string;
let sessionId: string;
let sessionNumber: number;
let doctor: TestAccount;
let nurse: TestAccount;
let optedOut: TestAccount;
let retired: TestAccount;
let laboratory: TestAccount;
let otherCentre: TestAccount;
let coordinator: TestAccount;
let coordinatorApi: ReturnType<typeof apiClient>;

async function record(text: string, dueDate: string): Promise<AgreementDto> {
  const created = await coordinatorApi('POST', `/sessions/${sessionId}/agreements`, { text, responsibleCenterId: responsible, responsiblePerson: 'Dr. Canul', dueDate });
  expect(created.status).toBe(201);
  return created.body.agreement;
}

async function change(agreement: AgreementDto, fields: Record<string, unknown>): Promise<AgreementDto> {
  const changed = await coordinatorApi('PATCH', `/agreements/${agreement.id}`, { version: agreement.version, ...fields });
  expect(changed.status).toBe(200);
  return changed.body.agreement;
}

/** The messages about one agreement, once its notices queued so far are delivered. */
async function settledMessages(agreement: AgreementDto): Promise<Received[]> {
  await until(async () => !(await db.models.notices.countDocuments({ subjectId: agreement.id, status: { $in: ['pending', 'sending'] } })), 'the outbox to empty');
  return mailServer.received.filter((message) => message.mail.text?.includes(`Acuerdo: ${agreement.text}`));
}

/** How many emails a sweep queued. */
const sweep = async (now = NOW) => (await server.notices.agreements.sweep(now)).emailed;

beforeAll(async () => {
  db = await openTestDatabase();
  mailServer = await TestMailServer.start();
  server = await startTestServer(db, { env: mailServer.serverEnv({ AGREEMENT_NOTICE_DAYS: '3' }) });
  const [host, other] = await Promise.all([createCenter(db, 'CDMX'), createCenter(db, 'JAL')]);
  responsible = await createCenter(db, 'YUC');
  coordinator = await createAccount(db, ['coordinator'], host, 'Dra. Coordinadora');
  doctor = await createAccount(db, ['presenter'], responsible, 'Dra. Ana Pérez');
  nurse = await createAccount(db, ['attendee'], responsible, 'Enf. Luis Díaz');
  optedOut = await createAccount(db, ['attendee'], responsible, 'Dr. Sin Avisos');
  retired = await createAccount(db, ['attendee'], responsible, 'Dr. Jubilado');
  laboratory = await createAccount(db, ['laboratory'], responsible, 'Laboratorio de referencia');
  otherCentre = await createAccount(db, ['expert'], other, 'Dr. Jorge Ruiz');
  await db.models.users.updateOne({ _id: retired.id }, { $set: { active: false } });
  await db.models.users.updateOne({ _id: optedOut.id }, { $set: { emailOptOut: ['agreement_due'] } });
  coordinatorApi = apiClient(server.url, await signIn(server.url, coordinator.email));
  sessionId = await createSessionSoon(db, {
    hostCenterId: host,
    invitedCenterIds: [responsible, other],
    createdBy: coordinator.id,
    startsInMinutes: -120,
    title: 'Tumores sólidos',
  });
  sessionNumber = (await db.models.sessions.findById(sessionId).lean())!.number;
});

afterAll(async () => {
  await server?.close();
  await mailServer?.stop();
  if (db) await dropTestDatabase(db);
});

describe('email reminders of agreements', () => {
  it('reminds the active accounts of the responsible centre once of an agreement due in two (Mexican) days, in Spanish', async () => {
    const agreement = await record('Enviar las laminillas de patología al centro de referencia', '2031-03-12');
    expect(await sweep()).toBe(2);
    await settledMessages(agreement);
    expect(await sweep()).toBe(0);
    const messages = await settledMessages(agreement);
    expect(recipientsOf(messages)).toEqual([doctor.email, nurse.email].sort());
    for (const account of [optedOut, retired, laboratory, otherCentre, coordinator]) expect(recipientsOf(mailServer.received)).not.toContain(account.email);

    const toAna = messages.find((message) => message.to.includes(doctor.email))!.mail;
    expect(toAna.subject).toBe('Acuerdo por vencer (faltan 2 días): Enviar las laminillas de patología al centro de referencia');
    expect(toAna.text).toContain('Hola, Dra. Ana Pérez:');
    expect(toAna.text).toContain('Un acuerdo a cargo de su centro está por vencer: faltan 2 días.');
    expect(toAna.text).toContain(`Sesión: ${sessionNumber} · Tumores sólidos`);
    expect(toAna.text).toMatch(/Centro responsable: Centro de prueba T-/);
    expect(toAna.text).toContain('Persona responsable: Dr. Canul');
    expect(toAna.text).toContain('Fecha límite: miércoles, 12 de marzo de 2031');
    expect(toAna.text).toContain('Plazo: Faltan 2 días');
    expect(toAna.text).toContain(`Enlace: ${TEST_PUBLIC_URL}/sesiones/${sessionId}`);
    expect(toAna.text).toContain(
      `Recibe este aviso de OncoBoard porque su centro es responsable de este acuerdo. Elija qué avisos recibe por correo en ${TEST_PUBLIC_URL}/mis-avisos.`,
    );
    expect(toAna.html).toContain(`href="${TEST_PUBLIC_URL}/sesiones/${sessionId}"`);
  });

  it('tells an overdue agreement as such, even to whoever turned off the reminders before the due date', async () => {
    const agreement = await record('Presentar el seguimiento del paciente en la siguiente sesión', '2031-03-07');
    await sweep();
    const messages = await settledMessages(agreement);
    expect(recipientsOf(messages)).toEqual([doctor.email, nurse.email, optedOut.email].sort());
    const toLuis = messages.find((message) => message.to.includes(nurse.email))!.mail;
    expect(toLuis.subject).toMatch(/^Acuerdo vencido \(venció hace 3 días\): Presentar el seguimiento/);
    expect(toLuis.text).toContain('Un acuerdo a cargo de su centro sigue abierto y venció hace 3 días.');
    expect(toLuis.text).toContain('Fecha límite: viernes, 7 de marzo de 2031');
    expect(await db.models.notices.countDocuments({ subjectId: agreement.id, kind: 'agreement_overdue' })).toBe(3);
  });

  it('reminds nothing of an agreement done, nor of one due after the days set, nor of one overdue for more than a month', async () => {
    const done = await change(await record('Solicitar la valoración por cardiología', '2031-03-09'), { status: 'done' });
    const later = await record('Actualizar el protocolo de quimioterapia', '2031-03-14');
    const lastDay = await record('Confirmar la fecha de la cirugía', '2031-03-13');
    const aMonthLate = await record('Enviar el resumen clínico al hospital de referencia', '2031-02-08');
    const forgotten = await record('Revisar el expediente de trasplante', '2031-02-07');
    await sweep();
    expect(recipientsOf(await settledMessages(lastDay))).toEqual([doctor.email, nurse.email].sort());
    expect(recipientsOf(await settledMessages(aMonthLate))).toEqual([doctor.email, nurse.email, optedOut.email].sort());
    expect(await settledMessages(done)).toEqual([]);
    expect(await settledMessages(later)).toEqual([]);
    expect(await db.models.notices.countDocuments({ subjectId: { $in: [done.id, later.id, forgotten.id] } })).toBe(0);
  });

  it('reminds again when the due date is moved, and once it passes', async () => {
    const agreement = await record('Gestionar el traslado del paciente', '2031-03-11');
    await sweep();
    expect(await settledMessages(agreement)).toHaveLength(2);
    await change(agreement, { dueDate: '2031-03-13' });
    await sweep();
    await sweep();
    const moved = (await settledMessages(agreement)).slice(2);
    expect(recipientsOf(moved)).toEqual([doctor.email, nurse.email].sort());
    expect(moved[0]!.mail.text).toContain('Fecha límite: jueves, 13 de marzo de 2031');
    expect(moved[0]!.mail.text).toContain('Plazo: Faltan 3 días');

    await sweep(new Date('2031-03-15T18:00:00Z'));
    const overdue = (await settledMessages(agreement)).slice(4);
    expect(recipientsOf(overdue)).toEqual([doctor.email, nurse.email, optedOut.email].sort());
    expect(overdue[0]!.mail.subject).toMatch(/^Acuerdo vencido \(venció hace 2 días\)/);
  });

  it('queues each reminder once while two servers sweep at once', async () => {
    const agreement = await record('Revisar el expediente con trabajo social', '2031-03-12');
    const second = new AgreementNotices(db.models, server.notices.delivery, { noticeDays: 3 });
    const queued = await Promise.all([sweep(), second.sweep(NOW).then(({ emailed }) => emailed), sweep(), second.sweep(NOW).then(({ emailed }) => emailed)]);
    const messages = await settledMessages(agreement);
    expect(recipientsOf(messages)).toEqual([doctor.email, nurse.email].sort());
    expect(queued.reduce((sum, count) => sum + count, 0)).toBe(2);
  });

  it('sweeps at start and then at every interval, until stopped', async () => {
    const periodic = new AgreementNotices(db.models, server.notices.delivery, { noticeDays: 3, intervalMs: 100, now: () => NOW });
    const agreement = await record('Enviar el resumen clínico al hospital de origen', '2031-03-10');
    periodic.start();
    try {
      await until(async () => (await db.models.notices.countDocuments({ subjectId: agreement.id })) === 2, 'the first sweep');
      // Moved after the first sweep queued it: only a later sweep reminds the new date.
      await change(agreement, { dueDate: '2031-03-11' });
      await until(async () => (await db.models.notices.countDocuments({ subjectId: agreement.id })) === 4, 'a later sweep');
      expect(recipientsOf(await settledMessages(agreement))).toEqual([doctor.email, doctor.email, nurse.email, nurse.email].sort());
    } finally {
      await periodic.stop();
    }
    const afterStop = await record('Agendar la consulta de seguimiento', '2031-03-10');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await db.models.notices.countDocuments({ subjectId: afterStop.id })).toBe(0);
  });

  it('queues no email on a server without SMTP_URL', async () => {
    const plain = await startTestServer(db);
    try {
      expect(plain.notices.sender).toBeUndefined();
      expect(plain.notices.delivery.sendsEmail).toBe(false);
    } finally {
      await plain.close();
    }
  });
});
