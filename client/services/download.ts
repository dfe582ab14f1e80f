import type { ErrorBody } from '../../shared/ack';
import { RequestError } from './socket';

/**
 * The file name the server gave in Content-Disposition: the UTF-8 filename* when there is one,
 * else the quoted filename (a name in plain ASCII), whose quotes and backslashes come escaped.
 */
function filenameOf(disposition: string | null): string {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (encoded) return decodeURIComponent(encoded);
  const quoted = /filename="((?:[^"\\]|\\.)*)"/i.exec(disposition ?? '')?.[1];
  return quoted?.replace(/\\(.)/g, '$1') ?? 'descarga';
}

/**
 * Fetches a file and saves it under the server's name; a refusal becomes a RequestError the
 * page shows, instead of a saved error page.
 */
export async function downloadFile(url: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new RequestError('timeout', `${url}: the server cannot be reached`);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: ErrorBody };
    const error = body.error ?? { code: 'internal', message: response.statusText };
    throw RequestError.fromBody(error);
  }
  const objectUrl = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = filenameOf(response.headers.get('content-disposition'));
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob to the browser's download; free it once that has started.
  setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
}
