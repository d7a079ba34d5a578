/**
 * A time read from a raw query (an aggregate such as MAX(at) has no column
 * type to map it): PostgreSQL answers a Date, SQLite the UTC text it stores,
 * without the zone.
 */
export function rawTime(value: string | Date): Date {
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}${/[Z+]/.test(value) ? '' : 'Z'}`);
}
