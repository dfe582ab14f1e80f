import { describe, expect, it } from 'vitest';
import { iceSettingsFor } from '../../server/media/iceServers';

const turn = { urls: ['turn:turn.oncoboard.example:443?transport=tcp'], secret: 'un-secreto-compartido-largo', ttlSeconds: 86_400 };

describe('TURN credentials', () => {
  it('follow the TURN REST scheme: "expiry:account" signed with HMAC-SHA1 of the shared secret', () => {
    const now = Date.UTC(2026, 10, 30, 16, 0, 0);
    const settings = iceSettingsFor('6b0d9a097c83ac20f2819478', turn, 'all', now);
    // The credential was computed independently (Python's hmac) for this user name and secret.
    expect(settings).toEqual({
      iceServers: [{ urls: turn.urls, username: '1796140800:6b0d9a097c83ac20f2819478', credential: 'i3OIno3Kq7s7pnMT+Q42pHkjS2Y=' }],
      iceTransportPolicy: 'all',
    });
  });

  it('are not given where no TURN server is configured', () => {
    expect(iceSettingsFor('6b0d9a097c83ac20f2819478', undefined, 'all')).toEqual({ iceServers: [], iceTransportPolicy: 'all' });
  });
});
