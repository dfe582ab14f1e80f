import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import type { InAppNoticeDto } from '../../shared/notices';
import { addDays } from '../../shared/pathway';
import { calendarDayOf } from '../../shared/time';
import { apiClient, createAccount, createCenter, signIn, type TestAccount } from '../support/accounts';
import { recipientsOf, TEST_PUBLIC_URL, TestMailServer, until, type Received } from '../support/mailServer';
import { createCaseIn, createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

const HOUR = 3_600_000;

let db: Database;
let server: TestServer;
let mailServer: TestMailServer;
let merida: string;
let laboratoryCenter: string;
let sessionId: string;
type Who = 'coordinator' | 'doctor' | 'optedOut' | 'expert' | 'otherPresenter' | 'laboratory';
const accounts = {} as Record<Who, TestAccount>;
const cookies = {} as Partial<Record<Who, string>>;
const as = (who: Who) => apiClient(server.url, cookies[who]);

/** The messages about one case, once the outbox has delivered what it holds. */
async function settledMessages(caseCode: string): Promise<Received[]> {
  await until(async () => !(await db.models.notices.countDocuments({ status: { $in: ['pending', 'sending'] } })), 'the outbox to empty');
  return mailServer.received.filter((message) => message.mail.text?.includes(`Caso: ${caseCode}`));
}

async function noticesOf(who: Who): Promise<InAppNoticeDto[]> {
  cookies[who] ??= await signIn(server.url, accounts[who].email);
  const listed = await as(who)('GET', '/me/notices');
  expect(listed.status).toBe(200);
  return listed.body.notices;
}

/** Mérida's case `caseCode`: its immunohistochemistry study (24 h) received 50 hours ago, without a result. */
async function lateStudy(caseCode: string): Promise<{ caseId: string; receivedAt: string }> {
  const caseId = await createCaseIn(db, sessionId, { centerId: merida, createdBy: accounts.doctor.id, caseCode });
  const sent = await as('doctor')('POST', `/cases/${caseId}/studies`, {
    laboratoryId: laboratoryCenter,
    type: 'immunohistochemistry',
    sentAt: new Date(Date.now() - 60 * HOUR).toISOString(),
  });
  expect(sent.status).toBe(201);
  const receivedAt = new Date(Date.now() - 50 * HOUR).toISOString();
  const received = await as('laboratory')('POST', `/studies/${sent.body.study.id}/receipt`, { receivedAt });
  expect(received.status).toBe(200);
  return { caseId, receivedAt };
}

beforeAll(async () => {
  db = await openTestDatabase();
  mailServer = await TestMailServer.start();
  server = await startTestServer(db, { env: mailServer.serverEnv() });
  const [host, other] = await Promise.all([createCenter(db, 'CDMX'), createCenter(db, 'JAL')]);
  merida = await createCenter(db, 'YUC');
  laboratoryCenter = await createCenter(db, 'PUE', 'laboratory');
  const plan: [Who, Parameters<typeof createAccount>[1], string, string][] = [
    ['coordinator', ['coordinator'], host, 'Dra. Coordinadora'],
    ['doctor', ['presenter'], merida, 'Dra. Ana Pérez'],
    ['optedOut', ['presenter'], merida, 'Dr. Sin Correos'],
    ['expert', ['expert'], merida, 'Dr. Experto'],
    ['otherPresenter', ['presenter'], other, 'Dr. Jorge Ruiz'],
    ['laboratory', ['laboratory'], laboratoryCenter, 'Laboratorio de referencia'],
  ];
  for (const [who, roles, center, name] of plan) accounts[who] = await createAccount(db, roles, center, name);
  for (const who of ['doctor', 'laboratory'] as const) cookies[who] = await signIn(server.url, accounts[who].email);
  await db.models.users.updateOne({ _id: accounts.optedOut.id }, { $set: { emailOptOut: ['commitment_late'] } });
  sessionId = await createSessionSoon(db, { hostCenterId: host, invitedCenterIds: [merida, other], createdBy: accounts.coordinator.id, startsInMinutes: -60 * 24 * 12 });
});

afterAll(async () => {
  await server?.close();
  await mailServer?.stop();
  if (db) await dropTestDatabase(db);
});

describe('notices of studies and patients past a commitment', () => {
  it('tells the sending centre’s presenters and the coordinators once of a study past its turnaround and of a late diagnosis, in Spanish, by case code', async () => {
    const study = await lateStudy('YUC-2026-201');
    // Six hours after the study fell due (received + 24 h).
    const now = new Date(Date.parse(study.receivedAt) + 30 * HOUR);
    const today = calendarDayOf(now);
    const patientCaseId = await createCaseIn(db, sessionId, {
      centerId: merida,
      createdBy: accounts.doctor.id,
      caseCode: 'YUC-2026-202',
      pathway: { referredOn: addDays(today, -9), arrivedOn: addDays(today, -8), diagnosedOn: '', treatmentStartedOn: '' },
    });
    const sweeps = await Promise.all([server.notices.commitments.sweep(now), server.notices.commitments.sweep(now)]);
    expect(sweeps.reduce((sum, { emailed }) => sum + emailed, 0)).toBe(4);
    expect(sweeps.reduce((sum, { listed }) => sum + listed, 0)).toBe(6);

    const studyMessages = await settledMessages('YUC-2026-201');
    expect(recipientsOf(studyMessages)).toEqual([accounts.doctor.email, accounts.coordinator.email].sort());
    const toAna = studyMessages.find((message) => message.to.includes(accounts.doctor.email))!.mail;
    expect(toAna.subject).toBe('Estudio fuera de tiempo: Inmunohistoquímica del caso YUC-2026-201 (6 horas de retraso)');
    expect(toAna.text).toContain('Hola, Dra. Ana Pérez:');
    expect(toAna.text).toContain('Un estudio de laboratorio del caso YUC-2026-201 pasó su tiempo de respuesta sin resultado: lleva 6 horas de retraso.');
    expect(toAna.text).toContain('Tiempo comprometido: 24 horas');
    expect(toAna.text).toMatch(/Laboratorio: Centro de prueba T-/);
    expect(toAna.text).toContain(`Enlace: ${TEST_PUBLIC_URL}/casos/${study.caseId}`);
    expect(toAna.html).toContain(`href="${TEST_PUBLIC_URL}/casos/${study.caseId}"`);

    const patientMessages = await settledMessages('YUC-2026-202');
    expect(recipientsOf(patientMessages)).toEqual([accounts.doctor.email, accounts.coordinator.email].sort());
    const toCoordinator = patientMessages.find((message) => message.to.includes(accounts.coordinator.email))!.mail;
    expect(toCoordinator.subject).toBe('Paciente fuera de compromiso: diagnóstico del caso YUC-2026-202 (2 días de retraso)');
    expect(toCoordinator.text).toContain('El paciente del caso YUC-2026-202 sigue sin diagnóstico registrado y pasó el compromiso de la red: lleva 2 días de retraso.');
    expect(toCoordinator.text).toContain('Compromiso: diagnóstico en 7 días desde la sospecha y referencia');
    expect(toCoordinator.text).toContain(`Enlace: ${TEST_PUBLIC_URL}/casos/${patientCaseId}`);

    for (const who of ['optedOut', 'expert', 'otherPresenter', 'laboratory'] as const) expect(recipientsOf(mailServer.received)).not.toContain(accounts[who].email);
  });

  it('tells nothing new on the next sweeps', async () => {
    const later = new Date(Date.now() - 18 * HOUR);
    expect(await server.notices.commitments.sweep(later)).toEqual({ listed: 0, emailed: 0 });
    expect(await server.notices.commitments.sweep()).toEqual({ listed: 0, emailed: 0 });
    expect(await settledMessages('YUC-2026-201')).toHaveLength(2);
  });

  it('lists the notices in the app of whoever turned their email off, and of nobody who does not watch the case', async () => {
    const listed = await noticesOf('optedOut');
    expect(listed.map((notice) => [notice.kind, notice.params.about, notice.params.caseCode]).sort()).toEqual([
      ['commitment_late', 'diagnosis', 'YUC-2026-202'],
      ['commitment_late', 'study', 'YUC-2026-201'],
    ]);
    const study = listed.find((notice) => notice.params.about === 'study')!;
    expect(study.params).toMatchObject({ studyType: 'immunohistochemistry', late: 6, unit: 'hours' });
    expect(study.link).toMatch(/^\/casos\/[0-9a-f]{24}$/);
    expect(await noticesOf('expert')).toEqual([]);
    expect(await noticesOf('otherPresenter')).toEqual([]);
  });

  it('tells nothing of a patient late for more than a month, nor of a study with its result', async () => {
    const study = await lateStudy('YUC-2026-203');
    const studyId = (await db.models.studies.findOne({ caseCode: 'YUC-2026-203' }).lean())!._id;
    const resulted = await as('laboratory')('POST', `/studies/${String(studyId)}/result`, { resultedAt: new Date().toISOString(), summary: '' });
    expect(resulted.status).toBe(200);
    const today = calendarDayOf(new Date());
    await createCaseIn(db, sessionId, {
      centerId: merida,
      createdBy: accounts.doctor.id,
      caseCode: 'YUC-2026-204',
      pathway: { referredOn: addDays(today, -60), arrivedOn: '', diagnosedOn: '', treatmentStartedOn: '' },
    });
    expect(await server.notices.commitments.sweep(new Date(Date.parse(study.receivedAt) + 30 * HOUR))).toEqual({ listed: 0, emailed: 0 });
    expect(await server.notices.commitments.sweep()).toEqual({ listed: 0, emailed: 0 });
  });

  it('tells the watchers once of a sample the laboratory has not received days after it was sent, and nothing more once it is received', async () => {
    const caseId = await createCaseIn(db, sessionId, { centerId: merida, createdBy: accounts.doctor.id, caseCode: 'YUC-2026-205' });
    const sent = await as('doctor')('POST', `/cases/${caseId}/studies`, {
      laboratoryId: laboratoryCenter,
      type: 'immunophenotype',
      sentAt: new Date(Date.now() - 72 * HOUR).toISOString(),
    });
    expect(sent.status).toBe(201);
    expect(await server.notices.commitments.sweep()).toEqual({ listed: 3, emailed: 2 });
    expect(await server.notices.commitments.sweep()).toEqual({ listed: 0, emailed: 0 });

    const messages = await settledMessages('YUC-2026-205');
    expect(recipientsOf(messages)).toEqual([accounts.doctor.email, accounts.coordinator.email].sort());
    const toAna = messages.find((message) => message.to.includes(accounts.doctor.email))!.mail;
    expect(toAna.subject).toBe('Muestra sin recibir: Inmunofenotipo del caso YUC-2026-205 (enviada hace 3 días)');
    expect(toAna.text).toContain('La muestra de un estudio del caso YUC-2026-205 se envió hace 3 días y el laboratorio aún no registra haberla recibido');
    expect(toAna.text).toContain(`Enlace: ${TEST_PUBLIC_URL}/casos/${caseId}`);
    const listed = (await noticesOf('optedOut')).find((notice) => notice.params.caseCode === 'YUC-2026-205');
    expect(listed?.params).toMatchObject({ about: 'not_received', studyType: 'immunophenotype', late: 3, unit: 'days' });

    const received = await as('laboratory')('POST', `/studies/${sent.body.study.id}/receipt`, { receivedAt: new Date().toISOString() });
    expect(received.status).toBe(200);
    expect(await server.notices.commitments.sweep()).toEqual({ listed: 0, emailed: 0 });
  });
});
