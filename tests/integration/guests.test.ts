import { createHash, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../server/db/database';
import type { JoinedRoom } from '../../shared/media';
import { apiClient, createAccount, createCenter, signIn, type TestAccount } from '../support/accounts';
import { calendarOf } from '../support/calendar';
import { cameraRtpParameters } from '../support/rtp';
import { TEST_PUBLIC_URL, TestMailServer, until } from '../support/mailServer';
import { createCaseIn, createSessionSoon } from '../support/sessions';
import { connect, enterRoom, nextEvent, record, send, settled, type TestSocket } from '../support/socketClient';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let mailServer: TestMailServer;
let host: string;
let coordinator: TestAccount;
let presenter: TestAccount;
let expert: TestAccount;
const as: Record<'coordinator' | 'presenter' | 'expert', ReturnType<typeof apiClient>> = {} as never;
const sockets: TestSocket[] = [];

const LINK = new RegExp(`^${TEST_PUBLIC_URL}/invitado#([A-Za-z0-9_-]{43})$`);
const tokenOf = (link: string) => LINK.exec(link)![1]!;

const newSession = (options: { startsInMinutes?: number; kind?: 'case_review' | 'keynote' | 'working_group'; title?: string } = {}) =>
  createSessionSoon(db, { hostCenterId: host, createdBy: coordinator.id, ...options });

async function invite(sessionId: string, guest: { name: string; kind: string; email?: string; affiliation?: string }) {
  const invited = await as.coordinator('POST', `/sessions/${sessionId}/guests`, guest);
  expect(invited.status).toBe(201);
  return invited.body as { guest: { id: string; emailed: boolean }; link: string; opensAt: string; closesAt: string };
}

/** The guest's page exchanging the link's token for a sign-in: the answer, and the cookie it set. */
async function enter(link: string) {
  const response = await fetch(`${server.url}/api/guest/enter`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: tokenOf(link) }),
  });
  const body = JSON.parse(await response.text());
  return { status: response.status, body, cookie: response.headers.getSetCookie()[0]?.split(';')[0] };
}

async function guestIn(sessionId: string, guest = { name: 'Lucía', kind: 'family', affiliation: 'madre de paciente' }) {
  const invitation = await invite(sessionId, guest);
  const entered = await enter(invitation.link);
  expect(entered.status).toBe(200);
  return { ...invitation, cookie: entered.cookie!, api: apiClient(server.url, entered.cookie) };
}

async function openSocket(cookie: string): Promise<TestSocket> {
  const socket = await connect(server.url, cookie);
  sockets.push(socket);
  return socket;
}

/** A guest in the room: they knock, the coordinator (in the room) admits them, they enter. */
async function admitted(chair: TestSocket, cookie: string, sessionId: string, guestId: string): Promise<{ socket: TestSocket; joined: JoinedRoom }> {
  const socket = await openSocket(cookie);
  expect(await send(socket, 'room:join', { sessionId })).toEqual({ ok: true, data: { status: 'waiting' } });
  const letIn = nextEvent(socket, 'lobby:admitted');
  expect((await send(chair, 'lobby:admit', { userId: guestId })).ok).toBe(true);
  await letIn;
  const joined = await send(socket, 'room:join', { sessionId });
  expect(joined).toMatchObject({ ok: true, data: { status: 'joined' } });
  return { socket, joined: (joined as { data: JoinedRoom }).data };
}

beforeAll(async () => {
  db = await openTestDatabase();
  mailServer = await TestMailServer.start();
  server = await startTestServer(db, { env: mailServer.serverEnv() });
  host = await createCenter(db, 'CDMX');
  coordinator = await createAccount(db, ['coordinator'], host, 'Dra. Coordinadora');
  presenter = await createAccount(db, ['presenter'], host, 'Dr. Presentador');
  expert = await createAccount(db, ['expert'], host, 'Dra. Experta');
  for (const [key, account] of Object.entries({ coordinator, presenter, expert })) {
    as[key as keyof typeof as] = apiClient(server.url, await signIn(server.url, account.email));
  }
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});
afterAll(async () => {
  await server?.close();
  await mailServer?.stop();
  if (db) await dropTestDatabase(db);
});

describe('invited guests', () => {
  it('are invited by a coordinator only, family members by first name; the link is told once and only its hash kept', async () => {
    const sessionId = await newSession();
    const guest = { name: 'Lucía', kind: 'family', affiliation: 'madre de paciente' };
    expect(await as.presenter('POST', `/sessions/${sessionId}/guests`, guest)).toMatchObject({ status: 403 });
    expect(await as.expert('POST', `/sessions/${sessionId}/guests`, guest)).toMatchObject({ status: 403 });
    expect(await as.coordinator('POST', `/sessions/${sessionId}/guests`, { ...guest, name: 'María López Pérez' })).toMatchObject({
      status: 400,
      body: { error: { field: 'name' } },
    });
    expect(await db.models.guests.countDocuments({ sessionId })).toBe(0);

    const invitation = await invite(sessionId, guest);
    const token = tokenOf(invitation.link);
    const session = (await db.models.sessions.findById(sessionId).lean())!;
    expect(invitation.opensAt).toBe(new Date(session.startsAt.getTime() - 30 * 60_000).toISOString());
    expect(invitation.closesAt).toBe(new Date(session.startsAt.getTime() + (90 + 120) * 60_000).toISOString());
    const stored = (await db.models.guests.findById(invitation.guest.id).lean())!;
    expect(stored.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(token);

    const listed = await as.coordinator('GET', `/sessions/${sessionId}/guests`);
    expect(listed.body.guests).toEqual([expect.objectContaining({ name: 'Lucía', kind: 'family', revokedAt: null, firstUsedAt: null, emailed: false })]);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(await as.presenter('GET', `/sessions/${sessionId}/guests`)).toMatchObject({ status: 403 });
  });

  it('lets a link in only from 30 minutes before the start until the session is over', async () => {
    const later = await newSession({ startsInMinutes: 120 });
    const early = await enter((await invite(later, { name: 'Pedro', kind: 'family' })).link);
    const opensAt = new Date((await db.models.sessions.findById(later).lean())!.startsAt.getTime() - 30 * 60_000).toISOString();
    expect(early).toMatchObject({ status: 409, body: { error: { reason: 'link_not_open', message: expect.stringContaining(opensAt), from: opensAt } } });
    expect(early.cookie).toBeUndefined();

    const past = await newSession({ startsInMinutes: -(90 + 121) });
    expect(await enter((await invite(past, { name: 'Pedro', kind: 'family' })).link)).toMatchObject({ status: 409, body: { error: { reason: 'link_closed' } } });

    const ended = await newSession();
    const link = (await invite(ended, { name: 'Pedro', kind: 'family' })).link;
    await db.models.sessions.updateOne({ _id: ended }, { $set: { status: 'ended', endedAt: new Date() } });
    expect(await enter(link)).toMatchObject({ status: 409, body: { error: { reason: 'link_closed' } } });
    expect(await as.coordinator('POST', `/sessions/${ended}/guests`, { name: 'Pedro', kind: 'family' })).toMatchObject({ status: 409 });

    expect(await enter(`${TEST_PUBLIC_URL}/invitado#${randomBytes(32).toString('base64url')}`)).toMatchObject({
      status: 404,
      body: { error: { message: 'invitation link not valid' } },
    });
  });

  it('reaches its own session and room only: every other route, session and room is refused', async () => {
    const sessionId = await newSession();
    const other = await newSession({ title: 'Otra sesión' });
    const caseId = await createCaseIn(db, sessionId, { centerId: host, createdBy: presenter.id });
    const { api, cookie, guest } = await guestIn(sessionId);

    expect(await api('GET', '/auth/me')).toMatchObject({
      status: 200,
      body: { user: { id: guest.id, name: 'Lucía', email: '', roles: ['guest'], centerId: host, guest: { sessionId, kind: 'family', affiliation: 'madre de paciente' } } },
    });
    expect(await api('GET', `/sessions/${sessionId}`)).toMatchObject({ status: 200, body: { session: { id: sessionId } } });
    for (const path of ['/sessions', '/users', `/cases/${caseId}`, `/sessions/${sessionId}/cases`, '/reports?from=2026-01-01&to=2026-01-31', '/me/certificates']) {
      expect([403, 404], path).toContain((await api('GET', path)).status);
    }
    expect(await api('GET', `/sessions/${other}`)).toMatchObject({ status: 404 });
    // Agreements only in a working-group meeting of theirs.
    expect(await api('GET', `/sessions/${sessionId}/agreements`)).toMatchObject({ status: 403 });
    const meeting = await newSession({ kind: 'working_group' });
    const family = await guestIn(meeting);
    expect(await family.api('GET', `/sessions/${meeting}/agreements`)).toMatchObject({ status: 200, body: { agreements: [] } });
    expect(await family.api('GET', `/sessions/${sessionId}/agreements`)).toMatchObject({ status: 404 });

    const socket = await openSocket(cookie);
    expect(await send(socket, 'room:join', { sessionId: other })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('waits in the lobby of an open room until the coordinator admits them; sees neither the case file shown nor the board’s opinions', async () => {
    const sessionId = await newSession();
    const fileId = String(randomBytes(12).toString('hex'));
    const caseId = await createCaseIn(db, sessionId, {
      centerId: host,
      createdBy: presenter.id,
      attachments: [{ fileId, filename: 'TAC de Juan Pérez.pdf', contentType: 'application/pdf', size: 10, sha256: 'x', uploadedAt: new Date(), uploadedBy: presenter.id }],
    });
    const chair = await enterRoom(server.url, coordinator, sessionId, sockets);
    const showing = await enterRoom(server.url, presenter, sessionId, sockets);
    const { cookie, guest } = await guestIn(sessionId);

    const knocking = await openSocket(cookie);
    const waitingShown = nextEvent(chair.socket, 'lobby:waiting');
    expect(await send(knocking, 'room:join', { sessionId })).toEqual({ ok: true, data: { status: 'waiting' } });
    expect(await waitingShown).toEqual({ waiting: [{ userId: guest.id, displayName: 'Lucía', centerId: host, guest: { kind: 'family', affiliation: 'madre de paciente' } }] });
    expect(await send(knocking, 'media:createTransport', { direction: 'recv' })).toMatchObject({ ok: false, error: { code: 'not_joined' } });
    knocking.disconnect();

    const { socket, joined } = await admitted(chair.socket, cookie, sessionId, guest.id);
    expect(joined.peers.map((peer) => peer.displayName).sort()).toEqual(['Dr. Presentador', 'Dra. Coordinadora']);
    const guestHeard = record(socket, 'viewer:state');
    const chairHeard = nextEvent(chair.socket, 'viewer:state');
    expect((await send(showing.socket, 'viewer:open', { caseId, attachmentId: fileId })).ok).toBe(true);
    expect(await chairHeard).toMatchObject({ filename: 'TAC de Juan Pérez.pdf' });
    await settled([showing.socket, chair.socket, socket]);
    // Told that a case file is shown (their page says why the stage is empty), never which.
    expect(guestHeard).toEqual([expect.objectContaining({ caseId: '', attachmentId: '', filename: '' })]);
    expect(JSON.stringify(guestHeard)).not.toMatch(/Juan|Pérez|\.pdf/);

    for (const [event, payload] of [
      ['viewer:open', { caseId, attachmentId: fileId }],
      ['opinion:list', { caseId }],
      ['opinion:saveDraft', { caseId, category: 'treatment', stance: 'agree', text: 'De acuerdo con el tratamiento' }],
      ['vote:get', { caseId }],
      ['vote:cast', { caseId, choice: 'agree' }],
      ['recommendation:get', { caseId }],
      ['viewer:close', {}],
      ['room:lock', { locked: false }],
      ['lobby:admit', { userId: guest.id }],
    ] as const) {
      expect(await send(socket, event, payload), event).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }

    // Admitted once, they come back after a reconnection without waiting again, and still are not told the file.
    socket.disconnect();
    const back = await openSocket(cookie);
    const again = await send(back, 'room:join', { sessionId });
    expect(again).toMatchObject({ ok: true, data: { status: 'joined', floor: { viewer: { caseId: '', attachmentId: '', filename: '' } } } });
    const late = await enterRoom(server.url, expert, sessionId, sockets);
    expect(late.joined.floor.viewer).toMatchObject({ filename: 'TAC de Juan Pérez.pdf' });
  });

  it('is sent out of the room at once when the link is revoked, and the link no longer works', async () => {
    const sessionId = await newSession();
    const chair = await enterRoom(server.url, coordinator, sessionId, sockets);
    const { cookie, guest, link, api } = await guestIn(sessionId);
    const { socket, joined } = await admitted(chair.socket, cookie, sessionId, guest.id);

    const ended = nextEvent(socket, 'account:ended');
    const gone = nextEvent(chair.socket, 'room:peerLeft');
    const revoked = await as.coordinator('POST', `/sessions/${sessionId}/guests/${guest.id}/revoke`);
    expect(revoked).toMatchObject({ status: 200, body: { guest: { id: guest.id, revokedAt: expect.any(String), firstUsedAt: expect.any(String) } } });
    expect(await ended).toEqual({ reason: 'signed_out' });
    expect(await gone).toEqual({ peerId: joined.peerId });
    expect(await api('GET', '/auth/me')).toMatchObject({ status: 401 });
    expect(await enter(link)).toMatchObject({ status: 409, body: { error: { reason: 'link_revoked' } } });
    expect(await as.coordinator('POST', `/sessions/${sessionId}/guests/${guest.id}/link`)).toMatchObject({ status: 409, body: { error: { reason: 'link_revoked' } } });
    expect(await as.presenter('POST', `/sessions/${sessionId}/guests/${guest.id}/revoke`)).toMatchObject({ status: 403 });

    // One still waiting in the lobby leaves it too.
    const waiting = await guestIn(sessionId, { name: 'Rosa', kind: 'family', affiliation: '' });
    const knocking = await openSocket(waiting.cookie);
    const shown = nextEvent(chair.socket, 'lobby:waiting');
    expect(await send(knocking, 'room:join', { sessionId })).toEqual({ ok: true, data: { status: 'waiting' } });
    expect((await shown).waiting.map((person) => person.displayName)).toEqual(['Rosa']);
    const emptied = nextEvent(chair.socket, 'lobby:waiting');
    const sentOut = nextEvent(knocking, 'account:ended');
    expect(await as.coordinator('POST', `/sessions/${sessionId}/guests/${waiting.guest.id}/revoke`)).toMatchObject({ status: 200 });
    expect(await sentOut).toEqual({ reason: 'signed_out' });
    expect(await emptied).toEqual({ waiting: [] });
  });

  it('gets a new link that replaces the old one and ends what the old one opened', async () => {
    const sessionId = await newSession();
    const { guest, link, api } = await guestIn(sessionId);
    const renewed = await as.coordinator('POST', `/sessions/${sessionId}/guests/${guest.id}/link`);
    expect(renewed).toMatchObject({ status: 200, body: { guest: { id: guest.id }, link: LINK } });
    expect(renewed.body.link).not.toBe(link);
    expect(await api('GET', '/auth/me')).toMatchObject({ status: 401 });
    expect(await enter(link)).toMatchObject({ status: 404 });
    expect(await enter(renewed.body.link)).toMatchObject({ status: 200, body: { guest: { id: guest.id }, sessionId } });
  });

  it('is listed in the ledger with their kind and never given a certificate; a guest speaker shares their screen in a keynote', async () => {
    const sessionId = await newSession({ kind: 'keynote', startsInMinutes: -5 });
    const chair = await enterRoom(server.url, coordinator, sessionId, sockets);
    const speaker = await guestIn(sessionId, { name: 'Dr. John Smith', kind: 'speaker', affiliation: 'Universidad de Toronto' });
    expect(await speaker.api('GET', '/auth/me')).toMatchObject({ body: { user: { roles: ['guest_speaker'] } } });
    const { socket } = await admitted(chair.socket, speaker.cookie, sessionId, speaker.guest.id);
    const transport = await send(socket, 'media:createTransport', { direction: 'send' });
    expect(transport.ok).toBe(true);
    const shared = await send(socket, 'media:produce', {
      transportId: (transport as { data: { id: string } }).data.id,
      kind: 'video',
      rtpParameters: cameraRtpParameters(),
      source: 'screen',
    });
    expect(shared).toMatchObject({ ok: true });
    await send(socket, 'room:leave', {});

    await vi.waitFor(async () => {
      const ledger = await as.coordinator('GET', `/sessions/${sessionId}/attendance`);
      expect(ledger.body.attendance.entries).toContainEqual(
        expect.objectContaining({
          userId: speaker.guest.id,
          name: 'Dr. John Smith',
          centerId: host,
          guest: { kind: 'speaker', affiliation: 'Universidad de Toronto' },
          certificateCode: null,
          lastLeaveAt: expect.any(String),
        }),
      );
    });
    const csv = await fetch(`${server.url}/api/sessions/${sessionId}/attendance.csv`, { headers: { cookie: await signIn(server.url, coordinator.email) } });
    expect(await csv.text()).toMatch(/Dr\. John Smith,Invitado \(ponente\)/);

    await db.models.sessions.updateOne({ _id: sessionId }, { $set: { status: 'ended', endedAt: new Date() } });
    expect(await as.coordinator('GET', `/sessions/${sessionId}/certificates/${speaker.guest.id}`)).toMatchObject({ status: 409, body: { error: { reason: 'not_certifying' } } });
    // The session over, the guest's sign-in is too.
    expect(await speaker.api('GET', '/auth/me')).toMatchObject({ status: 401 });

    // A family member (or a speaker outside a keynote or training) shares no screen.
    const review = await newSession();
    const reviewChair = await enterRoom(server.url, coordinator, review, sockets);
    const family = await guestIn(review);
    const inReview = await admitted(reviewChair.socket, family.cookie, review, family.guest.id);
    const sending = (await send(inReview.socket, 'media:createTransport', { direction: 'send' })) as { data: { id: string } };
    expect(await send(inReview.socket, 'media:produce', { transportId: sending.data.id, kind: 'video', rtpParameters: cameraRtpParameters(), source: 'screen' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('has their attendance corrected by a coordinator like anyone’s, in their own session only, and still gets no certificate', async () => {
    const sessionId = await newSession({ kind: 'keynote', startsInMinutes: -5 });
    const speaker = await invite(sessionId, { name: 'Dra. Ana Ruiz', kind: 'speaker', affiliation: 'Hospital for Sick Children' });
    const correction = { userId: speaker.guest.id, credited: true, minutesPresent: 50, reason: 'Dio la conferencia por teléfono: su enlace falló' };
    expect(await as.coordinator('POST', `/sessions/${sessionId}/attendance/corrections`, correction)).toMatchObject({
      status: 201,
      body: { entry: { userId: speaker.guest.id, name: 'Dra. Ana Ruiz', guest: { kind: 'speaker' }, credited: true, minutesPresent: 50, certificateCode: null } },
    });
    const ledger = await as.coordinator('GET', `/sessions/${sessionId}/attendance`);
    expect(ledger.body.attendance.entries).toContainEqual(
      expect.objectContaining({ userId: speaker.guest.id, credited: true, correction: expect.objectContaining({ byName: 'Dra. Coordinadora', reason: correction.reason }) }),
    );
    // Another session's guest is nobody in this one.
    const other = await newSession();
    expect(await as.coordinator('POST', `/sessions/${other}/attendance/corrections`, correction)).toMatchObject({ status: 400, body: { error: { field: 'userId' } } });
    expect((await as.coordinator('GET', `/sessions/${other}/attendance`)).body.attendance.entries).toEqual([]);
    await db.models.sessions.updateOne({ _id: sessionId }, { $set: { status: 'ended', endedAt: new Date() } });
    expect(await as.coordinator('GET', `/sessions/${sessionId}/certificates/${speaker.guest.id}`)).toMatchObject({ status: 409, body: { error: { reason: 'not_certifying' } } });
  });

  it('emails the link with the session’s calendar file when an address is given, again with a new link, and tells of a move or a cancellation', async () => {
    const sessionId = await newSession({ kind: 'keynote', title: 'Conferencia: Terapia CAR-T' });
    // Tuesday 9 December 2031, 10:00 in Mexico City.
    await db.models.sessions.updateOne({ _id: sessionId }, { $set: { startsAt: new Date('2031-12-09T16:00:00Z') } });
    const invitation = await invite(sessionId, { name: 'Dra. Sarah Mitchell', kind: 'speaker', email: 'sarah.mitchell@sickkids.example', affiliation: 'SickKids' });
    expect(invitation.guest.emailed).toBe(true);
    const toSarah = () => mailServer.received.filter((message) => message.to.includes('sarah.mitchell@sickkids.example'));
    await until(() => toSarah().length === 1, 'the invitation email');
    const { mail } = toSarah()[0]!;
    expect(mail.subject).toMatch(/^Invitación: sesión \d+ «Conferencia: Terapia CAR-T»/);
    expect(mail.text).toContain(invitation.link);
    expect(mail.text).toMatch(/sala de espera/);
    expect(mail.text).toContain('Hola, Dra. Sarah Mitchell:');
    expect(mail.text).toContain('martes, 9 de diciembre de 2031, 10:00 h (hora de la Ciudad de México)');
    expect(mail.text).toContain('Su enlace funciona desde el martes, 9 de diciembre de 2031, 09:30 h');
    const calendar = calendarOf(mail);
    expect(calendar).toMatchObject({ method: 'REQUEST', start: '2031-12-09T16:00:00.000Z' });
    expect(calendar.description).toContain(invitation.link);
    expect((await as.coordinator('GET', `/sessions/${sessionId}/guests`)).body.guests[0]).toMatchObject({ emailed: true, email: 'sarah.mitchell@sickkids.example' });

    const renewed = await as.coordinator('POST', `/sessions/${sessionId}/guests/${invitation.guest.id}/link`);
    await until(() => toSarah().length === 2, 'the email with the new link');
    expect(toSarah()[1]!.mail.text).toContain(renewed.body.link);

    // Once sent, the outbox keeps that an invitation went, not the links that open the room.
    const token = (link: string) => link.split('#')[1]!;
    await until(async () => (await db.models.notices.countDocuments({ kind: 'guest_invitation', userId: invitation.guest.id, status: 'sent' })) === 2, 'both marked sent');
    const kept = JSON.stringify(await db.models.notices.find({ kind: 'guest_invitation', userId: invitation.guest.id }).lean());
    expect(kept).toContain('sarah.mitchell@sickkids.example');
    expect(kept).not.toContain(token(invitation.link));
    expect(kept).not.toContain(token(renewed.body.link));

    // The session moves, then is cancelled: she is told as the centres are, her calendar's event
    // updated then withdrawn; a guest whose link was revoked is told nothing.
    const revoked = await invite(sessionId, { name: 'Dr. Retirado', kind: 'other', email: 'retirado@example.org' });
    await as.coordinator('POST', `/sessions/${sessionId}/guests/${revoked.guest.id}/revoke`);
    const { version } = (await as.coordinator('GET', `/sessions/${sessionId}`)).body.session;
    const moved = await as.coordinator('PATCH', `/sessions/${sessionId}`, { version, startsAtLocal: '2031-12-10T11:00', timeZone: 'America/Mexico_City' });
    expect(moved.status).toBe(200);
    await until(() => toSarah().length === 3, 'the change');
    const change = toSarah()[2]!.mail;
    expect(change.subject).toMatch(/^Cambio: sesión \d+ «Conferencia: Terapia CAR-T», miércoles, 10 de diciembre de 2031, 11:00 h/);
    expect(change.text).toContain('Antes: martes, 9 de diciembre de 2031, 10:00 h');
    expect(change.text).toContain('Su enlace personal sigue siendo el de su invitación');
    expect(change.text).not.toContain('/invitado#');
    const updated = calendarOf(change);
    expect(updated).toMatchObject({ method: 'REQUEST', uid: calendar.uid, start: '2031-12-10T17:00:00.000Z' });
    expect(updated.sequence).toBeGreaterThan(calendar.sequence);

    const cancelled = await as.coordinator('POST', `/sessions/${sessionId}/cancel`, { version: moved.body.session.version, reason: 'El ponente no puede asistir' });
    expect(cancelled.status).toBe(200);
    await until(() => toSarah().length === 4, 'the cancellation');
    expect(toSarah()[3]!.mail.text).toContain('Motivo: El ponente no puede asistir.');
    expect(calendarOf(toSarah()[3]!.mail)).toMatchObject({ method: 'CANCEL', uid: calendar.uid });
    expect(mailServer.received.filter((message) => message.to.includes('retirado@example.org'))).toHaveLength(1);
  });

  // Last: the address stays throttled for a quarter of an hour.
  it('refuses an address that tries too many links', async () => {
    const tries = [];
    for (let attempt = 0; attempt < 25; attempt += 1) tries.push((await enter(`${TEST_PUBLIC_URL}/invitado#${randomBytes(32).toString('base64url')}`)).status);
    expect(tries.at(-1)).toBe(429);
    expect(new Set(tries)).toEqual(new Set([404, 429]));
  });
});
