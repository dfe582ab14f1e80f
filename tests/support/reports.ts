import { expect } from 'vitest';
import type { Database } from '../../server/db/database';
import { createCenter } from './accounts';

/**
 * Plain helpers of the report tests, which recompute a report's figures without the app's code:
 * Mexico City's calendar by Intl, centres named so Spanish order differs from code points', CSV cells.
 */
export const DAY_MS = 86_400_000;
export const mexicoDay = (instant: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
/** The calendar day `offset` days from Mexico City's today. */
export const mexicoDayFromToday = (offset: number) => new Date(Date.parse(mexicoDay(new Date())) + offset * DAY_MS).toISOString().slice(0, 10);

/** Four centres whose names sort differently in Spanish than by code points ("Á" after "Z" there). */
export async function namedCenters(db: Database) {
  const center = { angeles: '', infantil: '', oncocrean: '', elsewhere: '' };
  [center.angeles, center.infantil, center.oncocrean, center.elsewhere] = await Promise.all([createCenter(db), createCenter(db), createCenter(db), createCenter(db)]);
  const names = { angeles: 'Ángeles de Chihuahua', infantil: 'Hospital Infantil de Sonora', oncocrean: 'Oncocrean Zacatecas', elsewhere: 'Centro Mérida' };
  for (const [key, name] of Object.entries(names)) await db.models.centers.updateOne({ _id: center[key as keyof typeof center] }, { $set: { name } });
  return center;
}

/** A CSV's rows as cells, after its byte-order mark (fetch's text() would drop it unseen), without the final line break. */
export async function csvRows(response: Response): Promise<string[][]> {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text
    .slice(1)
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(','));
}

/** A report as the API answers it, from items that each know their centre: the network's figures, then each centre's, by Spanish name. */
export function reportOf<T extends { centerId: string }, F>(
  range: { from: string; to: string; centerId: string | undefined },
  items: readonly T[],
  centers: readonly { _id: unknown; name: string }[],
  figures: (items: T[]) => F,
) {
  return {
    from: range.from,
    to: range.to,
    centerId: range.centerId ?? null,
    network: figures([...items]),
    centers: [...new Set(items.map((item) => item.centerId))]
      .map((id) => ({ centerId: id, centerName: centers.find((candidate) => String(candidate._id) === id)!.name, ...figures(items.filter((item) => item.centerId === id)) }))
      .sort((a, b) => a.centerName.localeCompare(b.centerName, 'es')),
  };
}
