import { describe, expect, it } from 'vitest';
import { toCsv } from '../../server/domain/csv';

describe('CSV exports', () => {
  it('opens in a spreadsheet with accents, commas and quotes intact, and formulas kept as text', () => {
    const csv = toCsv(
      ['Nombre', 'Minutos'],
      [
        ['Núñez, "Lupita"', 72],
        ['=HYPERLINK("x")', null],
      ],
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual(['Nombre,Minutos', '"Núñez, ""Lupita""",72', `"'=HYPERLINK(""x"")",`, '']);
  });
});
