import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Parameters to one INSERT: under SQLite's oldest limit (999), so a full chunk is always the same statement, prepared once. */
const MAX_PARAMETERS = 900;
/** PostgreSQL takes up to 65,535 parameters a statement: a batch's rows of a table in one round trip. */
const MAX_PARAMETERS_POSTGRES = 60_000;

/**
 * Inserts many rows of an entity inside the caller's transaction, many to a
 * statement. TypeORM's query builder rewrites its SQL once per parameter,
 * which for thousands of rows costs more than the database; this builds the
 * INSERT from the entity's metadata and converts each value as TypeORM does.
 */
export async function insertMany<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: T[]): Promise<void> {
  if (!rows.length) return;
  const { driver } = manager.connection;
  const metadata = manager.connection.getMetadata(entity);
  const columns = metadata.columns.filter((column) => !column.isVirtual);
  const postgres = driver.options.type === 'postgres';
  const perStatement = Math.max(1, Math.floor((postgres ? MAX_PARAMETERS_POSTGRES : MAX_PARAMETERS) / columns.length));
  const names = columns.map((column) => driver.escape(column.databaseName)).join(', ');
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const parameters: unknown[] = [];
    const tuples = chunk.map((row) => {
      const marks = columns.map((column) => {
        parameters.push(driver.preparePersistentValue(column.getEntityValue(row), column));
        return postgres ? `$${parameters.length}` : '?';
      });
      return `(${marks.join(', ')})`;
    });
    await manager.query(`INSERT INTO ${driver.escape(metadata.tableName)} (${names}) VALUES ${tuples.join(', ')}`, parameters);
  }
}
