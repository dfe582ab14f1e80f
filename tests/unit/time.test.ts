import { describe, expect, it } from 'vitest';
import { utcToZonedWallTime, zonedWallTimeToUtc } from '../../shared/time';

describe('Mexican wall time', () => {
  it('reads 10:00 in Mexico City as 16:00 UTC (no daylight saving since 2022)', () => {
    expect(zonedWallTimeToUtc('2026-12-01T10:00', 'America/Mexico_City')?.toISOString()).toBe('2026-12-01T16:00:00.000Z');
    expect(zonedWallTimeToUtc('2026-07-01T10:00', 'America/Mexico_City')?.toISOString()).toBe('2026-07-01T16:00:00.000Z');
  });

  it('follows daylight saving where a zone still has it (Tijuana) and refuses a skipped hour', () => {
    expect(zonedWallTimeToUtc('2026-07-01T10:00', 'America/Tijuana')?.toISOString()).toBe('2026-07-01T17:00:00.000Z');
    expect(zonedWallTimeToUtc('2026-01-15T10:00', 'America/Tijuana')?.toISOString()).toBe('2026-01-15T18:00:00.000Z');
    expect(zonedWallTimeToUtc('2026-03-08T02:30', 'America/Tijuana')).toBeUndefined();
  });

  it('refuses dates that do not exist and round-trips those that do', () => {
    expect(zonedWallTimeToUtc('2026-02-30T10:00', 'America/Mexico_City')).toBeUndefined();
    expect(zonedWallTimeToUtc('2026-13-01T10:00', 'America/Mexico_City')).toBeUndefined();
    const instant = new Date('2026-11-23T20:45:00Z');
    expect(utcToZonedWallTime(instant, 'America/Mexico_City')).toBe('2026-11-23T14:45');
    expect(zonedWallTimeToUtc('2026-11-23T14:45', 'America/Mexico_City')).toEqual(instant);
  });
});
