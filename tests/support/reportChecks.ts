import { expect } from 'vitest';

/** Mexico City's calendar day of an instant by Intl alone, so a test recomputes the app's figures without its code. */
export const mexicoDay = (instant: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);

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
