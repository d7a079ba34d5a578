import { Column, PrimaryColumn, type ColumnOptions } from 'typeorm';
import { randomUUID } from 'node:crypto';

let lastMs = 0;
let counter = 0;

/**
 * Ids are UUIDs made by the application, so a row's id is known before it is
 * written: version 7 (RFC 9562), whose first 48 bits are the Unix time in
 * milliseconds, so that an id made later sorts later. A new row's id then
 * lands at the end of every index that holds it, where a random (version 4)
 * id landed on a page of its own in each: a batch of five comments wrote 108
 * pages to SQLite's log with random ids, 73 with these (docs/performance.md).
 * Within one millisecond the 12 bits after the version count up (RFC 9562
 * §6.2, method 1), and a clock set back keeps the last time used, so the ids
 * of one process are strictly increasing; the last 62 bits are random. An id
 * tells when its row was made, which every row says anyway; no secret is an
 * id (tokens and keys are random bytes of their own).
 */
export function newId(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    ms = lastMs;
    counter += 1;
    if (counter > 0xfff) {
      ms += 1;
      counter = 0;
    }
  } else {
    counter = 0;
  }
  lastMs = ms;
  const time = ms.toString(16).padStart(12, '0');
  // randomUUID's last two groups: the variant (10xx) and 62 random bits.
  return `${time.slice(0, 8)}-${time.slice(8)}-7${counter.toString(16).padStart(3, '0')}-${randomUUID().slice(19)}`;
}

export const IdColumn = () => PrimaryColumn({ type: 'varchar', length: 36 });
export const RefColumn = (options: ColumnOptions = {}) => Column({ type: 'varchar', length: 36, ...options });
/** A point in time: `datetime` (UTC text) on SQLite, `timestamptz` on PostgreSQL. */
export const TimestampColumn = (options: ColumnOptions = {}) => Column({ type: Date, ...options });
export const JsonColumn = (options: ColumnOptions = {}) => Column({ type: 'simple-json', ...options });
