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
