import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatTime, zoneName } from '../../../client/format';
import { i18n, setLocale } from '../../../client/i18n';

afterEach(() => {
  i18n.global.locale.value = 'es-MX';
});

describe('dates and times as the page shows them', () => {
  it('gives Spanish times on the 24-hour clock, so a sentence never ends in "a.m.."', async () => {
    // 11:20 UTC is 5:20 in the morning in Mexico City; 23:20 UTC is 17:20.
    expect(formatTime('2026-12-01T11:20:00Z')).toBe('05:20');
    expect(formatTime('2026-12-01T23:20:00Z')).toBe('17:20');
    const dateTime = formatDateTime('2026-12-01T11:20:00Z');
    expect(dateTime).toMatch(/^martes, 1 de diciembre de 2026.* 05:20$/);
    expect(dateTime).not.toMatch(/[ap]\.\s?m\./);
    await setLocale('en');
    expect(formatTime('2026-12-01T23:20:00Z')).toMatch(/^5:20\sPM$/);
  });

  it('writes a due date in words, the same calendar day wherever the page is', async () => {
    expect(formatDate('2026-12-15')).toBe('15 de diciembre de 2026');
    expect(formatDate('2027-01-01')).toBe('1 de enero de 2027');
    await setLocale('en');
    expect(formatDate('2026-12-15')).toBe('December 15, 2026');
  });

  it('names a time zone by its region and city, with its offset, not by its database name', () => {
    expect(zoneName('America/Mexico_City')).toMatch(/^Centro — Ciudad de México \((GMT-6|CST)\)$/);
    expect(zoneName('America/Cancun')).toMatch(/^Sureste — Cancún \((GMT-5|EST)\)$/);
    expect(zoneName('America/Tijuana')).not.toContain('America/');
  });
});
