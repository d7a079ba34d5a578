import type { Translator } from '../../i18n/i18n.js';

const KILOBYTE = 1024;
const MEGABYTE = 1024 * 1024;

/** A size as readers say it: "1 MB", "1 Mo", "512 kB"; under a kilobyte in bytes, "28 bytes", "28 octets" (never "0 kB", which reads as empty). */
export function sizeInWords(t: Translator, bytes: number): string {
  if (bytes < KILOBYTE) return new Intl.NumberFormat(t.locale, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(bytes);
  const mega = bytes >= MEGABYTE;
  return new Intl.NumberFormat(t.locale, { style: 'unit', unit: mega ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1 }).format(bytes / (mega ? MEGABYTE : KILOBYTE));
}
