/** A generated CSV and the name it is saved under. */
export interface CsvFile {
  filename: string;
  csv: string;
}

/**
 * CSV as spreadsheets in Mexico open it: UTF-8 with a byte-order mark (so accents survive),
 * commas, CRLF. A cell that starts like a formula is prefixed with an apostrophe, so a name
 * such as "=HYPERLINK(…)" stays text.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const line = (cells: readonly (string | number | null)[]) => cells.map(cell).join(',');
  return `\uFEFF${[line(header), ...rows.map(line)].join('\r\n')}\r\n`;
}

function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
