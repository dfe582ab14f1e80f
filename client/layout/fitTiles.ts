/** Video tiles are 16:9, like the cameras' pictures. */
export const TILE_ASPECT = 16 / 9;

/**
 * How `count` tiles fill a `width` × `height` box with `gap` pixels between them: the number of
 * columns that gives the largest tiles, and their width. Tiles never get narrower than `minWidth`:
 * beyond that the box scrolls (and tiles out of sight receive no video).
 */
export function fitTiles(count: number, width: number, height: number, gap: number, minWidth = 120): { columns: number; tileWidth: number } {
  let best = { columns: 1, tileWidth: 0 };
  for (let columns = 1; columns <= Math.max(1, count); columns++) {
    const rows = Math.ceil(count / columns);
    const byWidth = (width - gap * (columns - 1)) / columns;
    const byHeight = ((height - gap * (rows - 1)) / rows) * TILE_ASPECT;
    const tileWidth = Math.floor(Math.min(byWidth, byHeight));
    if (tileWidth > best.tileWidth) best = { columns, tileWidth };
  }
  return { columns: best.columns, tileWidth: Math.min(Math.floor(width), Math.max(minWidth, best.tileWidth)) };
}
