import type { DateRangeQuery } from '../../shared/attendance';
import type { Models } from '../db/models';
import { toCsv, type CsvFile } from './csv';

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
