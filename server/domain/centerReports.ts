import type { DateRangeQuery } from '../../shared/attendance';
import type { Models } from '../db/models';
import { toCsv, type CsvFile } from './csv';
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

type Cell = string | number | null;

/**
 * A report's figures as CSV: the rows of each group (a centre, a laboratory) by name, then the
 * network's — labelled as the chosen centre's total when the report is of one centre — saved under
 * the report's title, the centre's name and the range.
 */
export async function reportCsv<F>(
  centers: Models['centers'],
  range: DateRangeQuery,
  report: { title: string; header: readonly string[]; groups: readonly { name: string; figures: F }[]; network: F; rowsOf: (name: string, figures: F) => Cell[][] },
): Promise<CsvFile> {
  const scopeName = range.centerId ? ((await centers.findById(range.centerId, { name: 1 }).lean())?.name ?? range.centerId) : '';
  const csv = toCsv(report.header, [
    ...report.groups.flatMap((group) => report.rowsOf(group.name, group.figures)),
    ...report.rowsOf(range.centerId ? 'Total' : 'Toda la red', report.network),
  ]);
  const who = scopeName ? ` ${scopeName}` : '';
  return { filename: `${report.title}${who} ${range.from} a ${range.to}.csv`, csv };
}
