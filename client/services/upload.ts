import type { ErrorBody } from '../../shared/ack';
import type { RouteAnswer, UploadRouteKey } from '../../shared/routes';
import { urlOf, type RouteArgs } from './api';
import { RequestError } from './socket';

/**
 * Sends a file as the raw request body, reporting progress: fetch cannot report upload
 * progress, XMLHttpRequest can.
 */
export function uploadFile<K extends UploadRouteKey>(key: K, input: RouteArgs<K>[0], file: File, onProgress: (fraction: number) => void): Promise<RouteAnswer<K>> {
  type T = RouteAnswer<K>;
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', urlOf(key, ...([input] as RouteArgs<K>)));
    request.withCredentials = true;
    request.setRequestHeader('content-type', 'application/octet-stream');
    request.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const body = (() => {
        try {
          return JSON.parse(request.responseText) as { error?: ErrorBody } & T;
        } catch {
          return {} as { error?: ErrorBody } & T;
        }
      })();
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve(body);
      } else {
        const error = body.error ?? { code: 'internal', message: request.statusText };
        reject(RequestError.fromBody(error));
      }
    };
    request.onerror = () => reject(new RequestError('timeout', 'the upload was interrupted'));
    request.send(file);
  });
}
