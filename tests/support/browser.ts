import { chromium, type Browser, type Page } from 'playwright-core';
import { TEST_PASSWORD, type TestAccount } from './accounts';
import { browserTrustingTestSite, throughTlsProxy } from './tlsProxy';

/**
 * Debian's Chromium with a fake camera and microphone, granted without a prompt. Options: another
 * executable (e.g. one inside a network lab's namespace), switches added to the usual ones, and
 * another HOME (whose certificate store trusts a test authority). Through the TLS proxy
 * (E2E_THROUGH_PROXY=1) it trusts the test site and finds it on loopback.
 */
export function launchBrowser(options: { executablePath?: string; args?: string[]; home?: string } = {}): Promise<Browser> {
  const home = options.home ?? (throughTlsProxy ? browserTrustingTestSite().home : undefined);
  return chromium.launch({
    executablePath: options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    ...(home ? { env: { ...process.env, HOME: home } } : {}),
    args: [
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(throughTlsProxy ? browserTrustingTestSite().args : []),
      ...(options.args ?? []),
    ],
  });
}

/** What the server's Content-Security-Policy blocked on any page: the app must need nothing it forbids. */
const blockedByPolicy: string[] = [];

/** A participant's page in its own browser context (own cookies, own devices), in Spanish. */
export async function openParticipant(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'es-MX', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) blockedByPolicy.push(message.text());
  });
  await page.goto(url);
  return page;
}

/** Closes every participant page still open, so a failed test leaves nobody behind in a room; fails if the content policy blocked anything. */
export async function closeParticipants(browser: Browser): Promise<void> {
  // Leaving each page as a person does (its pagehide says goodbye), so nobody lingers in a room as a dropped link.
  const pages = browser.contexts().flatMap((context) => context.pages());
  await Promise.all(pages.map((page) => page.goto('about:blank').catch(() => undefined)));
  await Promise.all(browser.contexts().map((context) => context.close()));
  const blocked = blockedByPolicy.splice(0);
  if (blocked.length) throw new Error(`the Content-Security-Policy blocked what the page needed:\n${blocked.join('\n')}`);
}

/** A participant's video tile in a room page, found by the name on their video. */
export const tileOf = (page: Page, name: string) => page.locator('figure', { has: page.locator(`video[data-name="${name}"]`) });

/** Signs in through the login page, as a person would. */
export async function signInThroughPage(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByTestId('signed-in-user').waitFor();
}

/**
 * Opens a session's room page, signs in, goes through the lobby (microphone off unless asked)
 * and waits until the room's controls show.
 */
export async function enterSessionRoom(
  browser: Browser,
  roomUrl: string,
  account: TestAccount,
  options: { microphoneOn?: boolean; prepare?: (page: Page) => Promise<void> } = {},
): Promise<Page> {
  const page = await openParticipant(browser, roomUrl);
  await options.prepare?.(page);
  await signInThroughPage(page, account.email, TEST_PASSWORD);
  if (!options.microphoneOn) await page.getByLabel('Entrar con el micrófono encendido').uncheck();
  await page.getByRole('button', { name: 'Entrar a la sala' }).click();
  await page.getByTestId('toggle-microphone').waitFor();
  return page;
}

/**
 * Frames a video element presents within `windowMs` (low simulcast layers may run at 5 fps, and
 * the first seconds wait for a keyframe and the bandwidth estimate, so callers poll).
 */
export function framesOf(page: Page, selector: string, windowMs = 2000): Promise<number> {
  return page.$eval(
    selector,
    (video: HTMLVideoElement, ms: number) =>
      new Promise<number>((resolve) => {
        let frames = 0;
        const count = () => {
          frames += 1;
          video.requestVideoFrameCallback(count);
        };
        video.requestVideoFrameCallback(count);
        setTimeout(() => resolve(frames), ms);
      }),
    windowMs,
  );
}

/** Frames the remote video of `name` presents within `windowMs`, once it plays. */
export async function framesPlayedFrom(page: Page, name: string, options: { windowMs?: number; timeout?: number } = {}): Promise<number> {
  const selector = `video[data-testid="remote-video"][data-name="${name}"]`;
  await page.waitForFunction(
    (sel) => {
      const video = document.querySelector<HTMLVideoElement>(sel);
      return !!video && video.videoWidth > 0 && !video.paused && video.currentTime > 0;
    },
    selector,
    { timeout: options.timeout ?? 30_000 },
  );
  return framesOf(page, selector, options.windowMs);
}

/**
 * The loudest sample (0 to 1) of `name`'s sound within `windowMs`, from the stream their tile
 * plays: Chromium's fake microphone beeps, so a participant who hears them gets well above 0.
 */
export function audioPeakFrom(page: Page, name: string, windowMs = 2000): Promise<number> {
  return page.$eval(
    `video[data-testid="remote-video"][data-name="${name}"]`,
    async (video: HTMLVideoElement, ms: number) => {
      const tracks = (video.srcObject as MediaStream | null)?.getAudioTracks() ?? [];
      if (tracks.length === 0) return 0;
      const context = new AudioContext();
      await context.resume();
      const analyser = context.createAnalyser();
      context.createMediaStreamSource(new MediaStream(tracks)).connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      let peak = 0;
      for (const until = performance.now() + ms; performance.now() < until;) {
        analyser.getFloatTimeDomainData(samples);
        for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      await context.close();
      return peak;
    },
    windowMs,
  );
}

/**
 * Headless Chromium has no screen to capture (getDisplayMedia never resolves there), so a
 * presenter's page gets a moving canvas as its "screen" (an init script); everything after capture is real.
 */
export const fakeScreenCapture = () => {
  navigator.mediaDevices.getDisplayMedia = async () => {
    const canvas = Object.assign(document.createElement('canvas'), { width: 1280, height: 720 });
    const context = canvas.getContext('2d')!;
    let frame = 0;
    setInterval(() => {
      context.fillStyle = '#204060';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.fillStyle = '#ffffff';
      context.font = '64px sans-serif';
      context.fillText(`Diapositiva ${++frame}`, 100, 200);
    }, 100);
    return canvas.captureStream(10);
  };
};
