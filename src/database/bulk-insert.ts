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

/** SQL text of held rows at most: above it (an import's thousands of rows) the prepared chunks, parsed once, cost less. */
const MAX_LITERAL_SQL = 64 * 1024;

/**
 * A value as SQLite literal text that stores exactly what sqlite3 binding it
 * stores (the same storage class and bytes): NULL, an integer, a string, a
 * blob, or a whole number as the double sqlite3 binds past 32 bits.
 * Undefined when it has none such: a fraction (its decimal text may not
 * parse back to the same double), a string holding NUL (sqlite3's exec reads
 * its SQL up to the first NUL), an empty or odd value.
 */
export function sqliteLiteral(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'NULL';
  switch (typeof value) {
    case 'string':
      return value.includes('\0') ? undefined : `'${value.replaceAll("'", "''")}'`;
    case 'number':
      // sqlite3 binds a number that is a 32-bit integer as an integer, any other as a double.
      if ((value | 0) === value) return String(value);
      return Number.isSafeInteger(value) ? `${value}.0` : undefined;
    case 'boolean':
      return value ? '1' : '0';
    default:
      return Buffer.isBuffer(value) && value.length ? `X'${value.toString('hex')}'` : undefined;
  }
}

/**
 * These rows' INSERT statements as one SQL text without parameters, for
 * sqlite3's exec: every table's rows in one trip to its thread pool instead
 * of one trip a table (TransactionService, at a batch's end). Undefined if a
 * value has no literal (sqliteLiteral) or the text would pass MAX_LITERAL_SQL.
 */
export function literalInserts(tables: InsertRows[]): string | undefined {
  const statements: string[] = [];
  let length = 0;
  for (const { table, names, tuples, ignoreConflicts } of tables) {
    const values: string[] = [];
    for (const tuple of tuples) {
      const literals: string[] = [];
      for (const value of tuple) {
        const literal = sqliteLiteral(value);
        if (literal === undefined) return undefined;
        literals.push(literal);
        length += literal.length + 2;
      }
      if (length > MAX_LITERAL_SQL) return undefined;
      values.push(`(${literals.join(', ')})`);
    }
    statements.push(`INSERT INTO ${table} (${names}) VALUES ${values.join(', ')}${ignoreConflicts ? ' ON CONFLICT DO NOTHING' : ''}`);
  }
  return statements.join(';\n');
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
