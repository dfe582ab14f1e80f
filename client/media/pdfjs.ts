import type { PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';

/**
 * Lazy pdf.js loader. Nothing of pdf.js is in the main bundle: the library is a separate chunk imported
 * the first time a PDF is opened, and its worker is a separate asset (`?url` only yields its address).
 *
 * The legacy build is used on purpose: the modern build calls very recent built-ins (for example
 * `Map.prototype.getOrInsertComputed`) with no fallback, which many clinic and hospital browsers lack.
 * The library and its worker must come from the same build.
 */
type PdfJs = typeof import('pdfjs-dist');
type PdfWorker = InstanceType<PdfJs['PDFWorker']>;

let loading: Promise<{ pdfjs: PdfJs; worker: PdfWorker }> | null = null;

/**
 * The library and one worker for the page's lifetime, shared by every document: starting a worker
 * (parsing its 1.3 MB of script) took about 300 ms each time a file was shown. A document given its
 * worker leaves it running when it is destroyed.
 */
function loadPdfJs(): Promise<{ pdfjs: PdfJs; worker: PdfWorker }> {
  loading ??= import('pdfjs-dist/legacy/build/pdf.mjs').then(
    (pdfjs) => {
      pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
      return { pdfjs, worker: new pdfjs.PDFWorker() };
    },
    (error: unknown) => {
      loading = null; // e.g. the chunk failed to download: let the next attempt retry
      throw error;
    },
  );
  return loading;
}

/**
 * Loads pdf.js and starts its worker ahead, while the lobby is on screen and the link is idle, so
 * that a file shown in the room appears without downloading or starting the viewer first (on a
 * 300 kbit/s hospital link downloading it took half a minute). Assets are kept a year.
 */
export async function warmPdfViewer(): Promise<void> {
  // On a slow link the ~480 kB would crowd out entering the room (its answers queued behind them):
  // there the viewer loads when a file is first shown.
  if (slowLink()) return;
  await (
    await loadPdfJs()
  ).worker.promise;
}

/** Below this the lobby leaves the viewer to load when it is needed. */
const SLOW_LINK_MBPS = 2;

/** The browser's own estimate of the link (Chromium's Network Information API), where it has one. */
function slowLink(): boolean {
  const connection = (navigator as Navigator & { connection?: { downlink?: number; saveData?: boolean } }).connection;
  return connection?.saveData === true || (connection?.downlink ?? Number.POSITIVE_INFINITY) < SLOW_LINK_MBPS;
}

/**
 * Opens a PDF by URL (same-origin cookies are sent; the server supports Range, so large files load
 * progressively). Aborting `signal` cancels the load. The caller owns the document and must release it
 * with `doc.loadingTask.destroy()` (pdf.js 6 has no `PDFDocumentProxy.destroy()`).
 */
export async function openPdf(url: string, signal?: AbortSignal): Promise<PDFDocumentProxy> {
  signal?.throwIfAborted();
  const { pdfjs, worker } = await loadPdfJs();
  signal?.throwIfAborted();
  const task = pdfjs.getDocument({ url, withCredentials: true, worker });
  const abort = (): void => void task.destroy();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    return await task.promise;
  } finally {
    signal?.removeEventListener('abort', abort);
  }
}

/** pdf.js page units are PDF points (1/72 in); at 100 % a page is shown at its CSS size (1/96 in). */
export const PDF_TO_CSS_UNITS = 96 / 72;

/** Why a PDF could not be opened, from the errors pdf.js raises (matched by name: no static import). */
export type PdfErrorKind = 'notFound' | 'forbidden' | 'invalid' | 'password' | 'generic';

export function pdfErrorKind(error: unknown): PdfErrorKind {
  const { name, status } = (error ?? {}) as { name?: unknown; status?: unknown };
  if (name === 'PasswordException') return 'password';
  if (name === 'InvalidPDFException') return 'invalid';
  if (name === 'ResponseException' || typeof status === 'number') {
    if (status === 401 || status === 403) return 'forbidden';
    if (status === 404 || status === 410) return 'notFound';
  }
  return 'generic';
}

export function isRenderCancelled(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'RenderingCancelledException';
}
