import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Tx } from './transaction.service.js';

/** Parameters to one INSERT: under SQLite's oldest limit (999), so a full chunk is always the same statement, prepared once. */
const MAX_PARAMETERS = 900;
/** PostgreSQL takes up to 65,535 parameters a statement: a batch's rows of a table in one round trip. */
const MAX_PARAMETERS_POSTGRES = 60_000;

/** Rows of one table as statement parameters: the table and column names (escaped) and one tuple of values a row. */
export interface InsertRows {
  table: string;
  names: string;
  tuples: unknown[][];
  /** A row whose key is already there is left as it is (`ON CONFLICT DO NOTHING`). */
  ignoreConflicts?: boolean;
}

/** How rows go in: `ignoreConflicts` leaves a row whose key is already there. */
export interface InsertOptions {
  ignoreConflicts?: boolean;
}

/** The INSERT statements that write these rows, at most MAX_PARAMETERS (SQLite) or MAX_PARAMETERS_POSTGRES parameters each. */
export function insertStatements({ table, names, tuples, ignoreConflicts }: InsertRows, postgres = false): Array<{ sql: string; parameters: unknown[] }> {
  const width = tuples[0]?.length ?? 1;
  const perStatement = Math.max(1, Math.floor((postgres ? MAX_PARAMETERS_POSTGRES : MAX_PARAMETERS) / width));
  const statements: Array<{ sql: string; parameters: unknown[] }> = [];
  for (let start = 0; start < tuples.length; start += perStatement) {
    const parameters: unknown[] = [];
    const marks = tuples.slice(start, start + perStatement).map((tuple) => {
      const row = tuple.map((value) => {
        parameters.push(value);
        return postgres ? `$${parameters.length}` : '?';
      });
      return `(${row.join(', ')})`;
    });
    statements.push({ sql: `INSERT INTO ${table} (${names}) VALUES ${marks.join(', ')}${ignoreConflicts ? ' ON CONFLICT DO NOTHING' : ''}`, parameters });
  }
  return statements;
}

function rowsOf<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: T[], { ignoreConflicts = false }: InsertOptions = {}): InsertRows & { tableName: string } {
  const { driver } = manager.connection;
  const metadata = manager.connection.getMetadata(entity);
  const columns = metadata.columns.filter((column) => !column.isVirtual);
  return {
    tableName: metadata.tableName,
    table: driver.escape(metadata.tableName),
    names: columns.map((column) => driver.escape(column.databaseName)).join(', '),
    tuples: rows.map((row) => columns.map((column) => driver.preparePersistentValue(column.getEntityValue(row), column))),
    ignoreConflicts,
  };
}

/**
 * Inserts many rows of an entity inside the caller's transaction, many to a
 * statement. TypeORM's query builder rewrites its SQL once per parameter,
 * which for thousands of rows costs more than the database; this builds the
 * INSERT from the entity's metadata and converts each value as TypeORM does.
 */
export async function insertMany<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: T[], options: InsertOptions = {}): Promise<void> {
  if (!rows.length) return;
  await write(manager, rowsOf(manager, entity, rows, options));
}

async function write(manager: EntityManager, rows: InsertRows): Promise<void> {
  const postgres = manager.connection.driver.options.type === 'postgres';
  for (const { sql, parameters } of insertStatements(rows, postgres)) await manager.query(sql, parameters);
}

/**
 * Inserts rows inside a unit of work: on SQLite, rows of the tables the unit
 * of work holds (messages, replies owed, timeline events, reminders) wait to be written
 * with those of the other units of its batch, one statement a table, before
 * anything reads or writes on the connection and before the batch commits
 * (TransactionService, HELD_TABLES); elsewhere, at once as `insertMany`.
 */
export async function insertRows<T extends ObjectLiteral>(tx: Tx, entity: EntityTarget<T>, rows: T[], options: InsertOptions = {}): Promise<void> {
  if (!rows.length) return;
  const prepared = rowsOf(tx.manager, entity, rows, options);
  if (!tx.hold(prepared.tableName, prepared)) await write(tx.manager, prepared);
}
