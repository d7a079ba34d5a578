import { stringify } from 'csv-stringify/sync';

/** One column of a CSV export: its header and how a row gives its cell. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

/**
 * Characters a spreadsheet reads as the start of a formula (OWASP, "CSV
 * Injection"): = + - @, and the tab and carriage return that some of them
 * skip before looking for one.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made inert for spreadsheets: one that would start a formula gets a leading ' (OWASP's advice), which Excel and LibreOffice show as text. */
export const inert = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/**
 * A CSV file for spreadsheets, written by csv-stringify: UTF-8 with a BOM (so
 * Excel reads accents right), a header row, CRLF between records, quotes
 * where a cell holds a comma, a quote or a line break (RFC 4180). Every text
 * cell goes through `inert`; numbers and booleans are written as they are.
 */
export function csvOf<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  const records = rows.map((row) =>
    columns.map((column) => {
      const value = column.value(row);
      if (value === null || value === undefined) return '';
      return typeof value === 'string' ? inert(value) : String(value);
    }),
  );
  return stringify(records, { bom: true, header: true, columns: columns.map((column) => column.header), record_delimiter: 'windows' });
}
