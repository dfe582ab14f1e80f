import { describe, expect, it } from 'vitest';
import { fitTiles, TILE_ASPECT } from '../../../client/layout/fitTiles';

describe('video tiles filling the room’s view', () => {
  it('gives one person the whole width of a wide view, as tall as the view allows', () => {
    expect(fitTiles(1, 1000, 800, 8)).toEqual({ columns: 1, tileWidth: 1000 });
    expect(fitTiles(1, 1600, 600, 8)).toEqual({ columns: 1, tileWidth: Math.floor(600 * TILE_ASPECT) });
  });

  it('puts four people two by two on a room display, each tile larger than a third of its width', () => {
    const fitted = fitTiles(4, 1450, 880, 8);
    expect(fitted.columns).toBe(2);
    expect(fitted.tileWidth).toBeGreaterThan(1450 / 3);
    // Two rows of them fit in the height.
    expect(2 * (fitted.tileWidth / TILE_ASPECT) + 8).toBeLessThanOrEqual(880);
  });

  it('stacks three people in one column on a phone held upright', () => {
    const fitted = fitTiles(3, 366, 520, 8);
    expect(fitted.columns).toBe(1);
    expect(3 * (fitted.tileWidth / TILE_ASPECT) + 2 * 8).toBeLessThanOrEqual(520);
  });

  it('lays three people side by side in a wide, low view', () => {
    expect(fitTiles(3, 1800, 300, 8).columns).toBe(3);
  });

  it('keeps tiles of forty people at a readable minimum (the view then scrolls), never wider than the view', () => {
    expect(fitTiles(40, 700, 400, 8).tileWidth).toBe(120);
    expect(fitTiles(2, 100, 400, 8).tileWidth).toBe(100);
  });

  it('sizes nothing before the view has a size', () => {
    expect(fitTiles(3, 0, 0, 8).tileWidth).toBe(0);
  });
});
