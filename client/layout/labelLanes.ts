/**
 * Rows for the labels of marks along an axis `width` px wide, so that none covers another: each
 * label, `labelWidth` wide, is centred under its mark as far as the axis allows and goes to the
 * first row where it clears the label before it by `gap`. `positions` are in order along the axis.
 */
export function labelLanes(positions: readonly number[], labelWidth: number, width: number, gap = 8): { left: number; lane: number }[] {
  const rowEnds: number[] = [];
  return positions.map((x) => {
    const left = Math.max(0, Math.min(x - labelWidth / 2, width - labelWidth));
    const free = rowEnds.findIndex((end) => end + gap <= left);
    const lane = free < 0 ? rowEnds.length : free;
    rowEnds[lane] = left + labelWidth;
    return { left, lane };
  });
}
