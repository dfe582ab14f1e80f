import type { DateRangeQuery } from '../../shared/attendance';
import type { Models } from '../db/models';
import { idOf } from './documents';

/** The centres' names by id, for reports that group by centre. */
export async function centerNames(centers: Models['centers']): Promise<Map<string, string>> {
  return new Map((await centers.find({}, { name: 1 }).lean()).map((center) => [idOf(center._id), center.name]));
}

/** One row per centre with something in the range, its figures computed from its items, by name (Spanish collation). */
export function rowsPerCenter<T, F>(
  byCenter: ReadonlyMap<string, T>,
  names: ReadonlyMap<string, string>,
  figuresOf: (items: T) => F,
): ({ centerId: string; centerName: string } & F)[] {
  return [...byCenter]
    .map(([centerId, items]) => ({ centerId, centerName: names.get(centerId) ?? centerId, ...figuresOf(items) }))
    .sort((a, b) => a.centerName.localeCompare(b.centerName, 'es'));
}

/**
 * How a report's CSV over a range is named, with the centre chosen if any, and the label of its
 * last row: that centre's total, or the whole network's.
 */
export async function rangeCsvNaming(centers: Models['centers'], range: DateRangeQuery, title: string): Promise<{ filename: string; totalLabel: string }> {
  const scopeName = range.centerId ? ((await centers.findById(range.centerId, { name: 1 }).lean())?.name ?? range.centerId) : '';
  const who = scopeName ? ` ${scopeName}` : '';
  return { filename: `${title}${who} ${range.from} a ${range.to}.csv`, totalLabel: range.centerId ? 'Total' : 'Toda la red' };
}
