import { withinCommitmentPercent } from '../shared/pathwayReports';

/**
 * The rows of a report's table by centre: each centre, then the network's, named `network`, or
 * `total` when the report is of one chosen centre.
 */
export function reportRows<F>(
  report: { centerId: string | null; network: F; centers: ({ centerId: string; centerName: string } & F)[] },
  names: { network: string; total: string },
): { key: string; name: string; figures: F; total: boolean }[] {
  return [
    ...report.centers.map((center) => ({ key: center.centerId, name: center.centerName, figures: center, total: false })),
    { key: 'network', name: report.centerId ? names.total : names.network, figures: report.network, total: true },
  ];
}

/** "3 (60 %)": of the figures reached, those within the commitment, or '—' when none was reached. */
export function withinShare(figures: { reached: number; withinCommitment: number }, t: (key: string, values: Record<string, unknown>) => string): string {
  const percent = withinCommitmentPercent(figures);
  return percent === null ? '—' : t('reports.pathway.withinShare', { count: figures.withinCommitment, percent });
}
