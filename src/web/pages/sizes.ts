import type { Translator } from '../../i18n/i18n.js';

const MEGABYTE = 1024 * 1024;

/** A size as readers say it: "1 MB", "1 Mo", "512 kB". */
export function sizeInWords(t: Translator, bytes: number): string {
  const mega = bytes >= MEGABYTE;
  return new Intl.NumberFormat(t.locale, { style: 'unit', unit: mega ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1 }).format(bytes / (mega ? MEGABYTE : 1024));
}
