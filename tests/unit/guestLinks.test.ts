import { describe, expect, it } from 'vitest';
import { guestLink, guestLinkWindow, linkState } from '../../server/domain/guestLinks';
import { newSecret, secretHash } from '../../server/domain/secrets';
import { GUEST_TOKEN_BYTES } from '../../shared/guests';

const startsAt = new Date('2026-12-08T16:00:00Z');
const at = (iso: string) => new Date(iso);
const scheduled = { startsAt, durationMinutes: 90, status: 'scheduled' as const };

describe('an invited guest’s link', () => {
  it('works from 30 minutes before the start until two hours after the scheduled end', () => {
    expect(guestLinkWindow(scheduled)).toEqual({ opensAt: at('2026-12-08T15:30:00Z'), closesAt: at('2026-12-08T19:30:00Z') });
    expect(linkState(scheduled, at('2026-12-08T15:29:59Z'))).toBe('not_open');
    expect(linkState(scheduled, at('2026-12-08T15:30:00Z'))).toBe('open');
    expect(linkState({ ...scheduled, status: 'live' }, at('2026-12-08T19:29:59Z'))).toBe('open');
    expect(linkState({ ...scheduled, status: 'live' }, at('2026-12-08T19:30:00Z'))).toBe('closed');
  });

  it('stops when the session ends or is cancelled, whatever the clock says', () => {
    const ended = { ...scheduled, status: 'ended' as const, endedAt: at('2026-12-08T17:10:00Z') };
    expect(guestLinkWindow(ended).closesAt).toEqual(at('2026-12-08T17:10:00Z'));
    expect(linkState(ended, at('2026-12-08T17:00:00Z'))).toBe('closed');
    expect(linkState({ ...scheduled, status: 'minutes_approved' }, at('2026-12-08T16:30:00Z'))).toBe('closed');
    // Cancelled days ahead: the window is empty, never reversed.
    const cancelled = { ...scheduled, status: 'cancelled' as const, updatedAt: at('2026-12-01T10:00:00Z') };
    expect(guestLinkWindow(cancelled)).toEqual({ opensAt: at('2026-12-08T15:30:00Z'), closesAt: at('2026-12-08T15:30:00Z') });
    expect(linkState(cancelled, at('2026-12-08T15:45:00Z'))).toBe('closed');
  });

  it('carries 32 random bytes after # and is known to the server by their hash only', () => {
    const first = newSecret(GUEST_TOKEN_BYTES);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.hash).toBe(secretHash(first.token));
    expect(first.hash).not.toContain(first.token);
    expect(newSecret(GUEST_TOKEN_BYTES).token).not.toBe(first.token);
    expect(guestLink('https://oncoboard.mx/', first.token)).toBe(`https://oncoboard.mx/invitado#${first.token}`);
  });
});
