import { Column, PrimaryColumn, type ColumnOptions } from 'typeorm';
import { randomUUID } from 'node:crypto';

/** Ids are UUIDs made by the application, so a row's id is known before it is written. */
export const newId = (): string => randomUUID();

export const IdColumn = () => PrimaryColumn({ type: 'varchar', length: 36 });
export const RefColumn = (options: ColumnOptions = {}) => Column({ type: 'varchar', length: 36, ...options });
/** A point in time: `datetime` (UTC text) on SQLite, `timestamptz` on PostgreSQL. */
export const TimestampColumn = (options: ColumnOptions = {}) => Column({ type: Date, ...options });
export const JsonColumn = (options: ColumnOptions = {}) => Column({ type: 'simple-json', ...options });
