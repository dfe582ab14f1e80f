import { createHmac } from 'node:crypto';
import type { IceSettings } from '../../shared/media';

export interface TurnSettings {
  urls: string[];
  secret: string;
  ttlSeconds: number;
}

/**
 * How a page reaches the media server through TURN: credentials in the TURN REST scheme that
 * coturn checks with `use-auth-secret` (user name "expiry:account", password the base64
 * HMAC-SHA1 of it under the shared secret), so no TURN account is ever stored and each expires.
 */
export function iceSettingsFor(userId: string, turn: TurnSettings | undefined, policy: IceSettings['iceTransportPolicy'], now = Date.now()): IceSettings {
  if (!turn) return { iceServers: [], iceTransportPolicy: policy };
  const username = `${Math.floor(now / 1000) + turn.ttlSeconds}:${userId}`;
  const credential = createHmac('sha1', turn.secret).update(username).digest('base64');
  return { iceServers: [{ urls: turn.urls, username, credential }], iceTransportPolicy: policy };
}
