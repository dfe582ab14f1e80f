import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { createAccount, signIn, TEST_PASSWORD, type TestAccount } from '../support/accounts';
import { closeParticipants, enterSessionRoom, launchBrowser, openParticipant, signInThroughPage, tileOf } from '../support/browser';
import { microphoneRtpParameters } from '../support/rtp';
import { createSessionSoon } from '../support/sessions';
import { connect, enterRoom, nextEvent, request, type TestSocket } from '../support/socketClient';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let browser: Browser;
let sessionId: string;
const accounts: Record<'chair' | 'presenter' | 'expert', TestAccount> = {} as never;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  browser = await launchBrowser();
  const [host] = await db.models.centers.create([{ code: 'HIMFG', name: 'Hospital Infantil de México', state: 'CDMX', kind: 'hospital' }]);
  const center = String(host!._id);
  accounts.chair = await createAccount(db, ['coordinator'], center, 'Dra. Hernández');
  accounts.presenter = await createAccount(db, ['presenter'], center, 'Dr. Canul');
  accounts.expert = await createAccount(db, ['expert'], center, 'Dra. Ramírez');
  sessionId = await createSessionSoon(db, { hostCenterId: center, createdBy: accounts.chair.id, title: 'Tumores sólidos' });
  await db.models.sessions.updateOne(
    { _id: sessionId },
    {
      $set: {
        agenda: [
          { id: crypto.randomUUID(), kind: 'case', title: 'Caso: neuroblastoma', durationMinutes: 20 },
          { id: crypto.randomUUID(), kind: 'agreement_followup', title: 'Seguimiento de acuerdos', durationMinutes: 10 },
        ],
      },
    },
  );
});
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
});

const enter = (account: TestAccount, microphoneOn: boolean) => enterSessionRoom(browser, `${server.url}/sesiones/${sessionId}/sala`, account, { microphoneOn });

describe('the floor of a session room in Chromium', () => {
  it('highlights who speaks, carries hands, chat and the agenda, and lets the coordinator keep order', async () => {
    const chair = await enter(accounts.chair, false);
    const presenter = await enter(accounts.presenter, true);
    const expert = await enter(accounts.expert, false);

    // Only the presenter's (fake, beeping) microphone is on: the others see them highlighted.
    await tileOf(chair, 'Dr. Canul').and(chair.locator('.speaking')).waitFor({ timeout: 20_000 });
    await presenter.getByTestId('toggle-microphone').click();
    await expert.getByTestId('toggle-microphone').click();
    await tileOf(chair, 'Dra. Ramírez').and(chair.locator('.speaking')).waitFor({ timeout: 20_000 });

    await expert.getByTestId('raise-hand').click();
    await chair.getByRole('tab', { name: /Participantes/ }).click();
    await chair.getByTestId('hand-queue').getByText('Dra. Ramírez').waitFor();
    await chair.getByRole('button', { name: 'Dar la palabra' }).click();
    await expert.getByRole('button', { name: 'Levantar la mano' }).waitFor();

    await chair.getByRole('tab', { name: 'Orden del día' }).click();
    await chair.getByRole('button', { name: 'Iniciar el orden del día' }).click();
    await presenter.getByTestId('room-agenda-item').filter({ hasText: 'Caso: neuroblastoma' }).getByTestId('agenda-timer').waitFor();
    await chair.getByRole('button', { name: 'Siguiente punto' }).click();
    await presenter.getByTestId('room-agenda-item').filter({ hasText: 'Seguimiento de acuerdos' }).getByTestId('agenda-timer').waitFor();

    await expert.getByRole('tab', { name: 'Chat' }).click();
    await expert.getByLabel('Escriba un mensaje…').fill('¿Tenemos la gammagrafía MIBG?');
    await expert.getByRole('button', { name: 'Enviar' }).click();
    await presenter.getByRole('tab', { name: 'Chat' }).click();
    await presenter.getByTestId('chat-message').filter({ hasText: '¿Tenemos la gammagrafía MIBG?' }).waitFor();

    await chair.getByRole('tab', { name: /Participantes/ }).click();
    await chair.getByTestId('participant').filter({ hasText: 'Dra. Ramírez' }).getByRole('button', { name: 'Silenciar' }).click();
    await expert.getByText('El coordinador silenció su micrófono').waitFor();
    await tileOf(presenter, 'Dra. Ramírez').getByTestId('microphone-off').waitFor();
    expect(await expert.getByTestId('toggle-microphone').getAttribute('aria-pressed')).toBe('false');

    await chair.getByTestId('participant').filter({ hasText: 'Dr. Canul' }).getByRole('button', { name: 'Retirar' }).click();
    await presenter.getByText('El coordinador le retiró de la sala.').waitFor();
    await chair.locator('video[data-name="Dr. Canul"]').waitFor({ state: 'detached' });
    for (const page of [chair, presenter, expert]) await page.context().close();
  });

  it('holds newcomers of a locked room in the lobby until the coordinator admits them', async () => {
    const chair = await enter(accounts.chair, false);
    await chair.getByRole('tab', { name: /Participantes/ }).click();
    await chair.getByTestId('lock-room').check();
    await chair.getByText('Sala cerrada').waitFor();

    const late = await openParticipant(browser, `${server.url}/sesiones/${sessionId}/sala`);
    await signInThroughPage(late, accounts.expert.email, TEST_PASSWORD);
    await late.getByRole('button', { name: 'Entrar a la sala' }).click();
    await late.getByTestId('lobby-waiting').waitFor();
    await chair.getByTestId('waiting-person').filter({ hasText: 'Dra. Ramírez' }).getByRole('button', { name: 'Admitir' }).click();
    await late.getByRole('heading', { name: /Tumores sólidos/ }).waitFor();
    await chair.locator('video[data-name="Dra. Ramírez"]').waitFor();
    await chair.context().close();
    await late.context().close();
  });

  it('says nothing of a microphone that stopped before the page could receive it, and keeps none of them', async () => {
    const chair = await enter(accounts.chair, false);
    const opened: TestSocket[] = [];
    try {
      // Someone whose microphone starts and stops at once, again and again (a flaky headset, a page
      // closing). Each one stops as soon as the room has heard of it: the chair's page, on a slow
      // device (its CPU throttled), is still taking it, or asks for it once it is gone.
      const { socket } = await enterRoom(server.url, accounts.expert, sessionId, opened);
      const witness = await connect(server.url, await signIn(server.url, accounts.presenter.email));
      opened.push(witness);
      const { routerRtpCapabilities } = await request(witness, 'media:capabilities', {});
      await request(witness, 'room:join', { sessionId, media: { rtpCapabilities: routerRtpCapabilities, send: false } });
      await tileOf(chair, 'Dra. Ramírez').waitFor();
      await (await chair.context().newCDPSession(chair)).send('Emulation.setCPUThrottlingRate', { rate: 8 });
      const { id: transportId } = await request(socket, 'media:createTransport', { direction: 'send' });
      for (let attempt = 0; attempt < 12; attempt++) {
        const heard = nextEvent(witness, 'room:producerAdded');
        const { producerId } = await request(socket, 'media:produce', {
          transportId,
          kind: 'audio',
          rtpParameters: microphoneRtpParameters(11_111_111 + attempt),
          source: 'microphone',
        });
        await heard;
        await request(socket, 'media:closeProducer', { producerId });
      }
      // One that stays: once the page holds it, it has answered for all the others.
      await request(socket, 'media:produce', { transportId, kind: 'audio', rtpParameters: microphoneRtpParameters(22_000_000), source: 'microphone' });
      const liveMicrophones = () =>
        chair
          .locator('video[data-name="Dra. Ramírez"]')
          .evaluate((video: HTMLVideoElement) => (video.srcObject as MediaStream).getAudioTracks().filter((track) => track.readyState === 'live').length);
      await expect.poll(liveMicrophones, { timeout: 20_000 }).toBe(1);
      expect(await chair.getByText('No se encontró lo solicitado.').count()).toBe(0);
    } finally {
      for (const socket of opened) socket.disconnect();
      await chair.context().close();
    }
  });
});
