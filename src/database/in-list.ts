import { Brackets, type WhereExpressionBuilder } from 'typeorm';

let parameters = 0;

/**
 * `column IN (:...p)` with its parameters, from a status set declared beside
 * its workflow, so the SQL and the predicate read the same list. Each call
 * names its parameter anew: fragments can be combined in one query.
 */
export function inList(column: string, values: readonly string[]): { sql: string; params: Record<string, string[]> } {
  const name = `inList${++parameters}`;
  return { sql: `${column} IN (:...${name})`, params: { [name]: [...values] } };
}

/** `inList` as TypeORM brackets, to pass to where/andWhere/orWhere. */
export const whereIn = (column: string, values: readonly string[]): Brackets =>
  new Brackets((qb: WhereExpressionBuilder) => {
    const { sql, params } = inList(column, values);
    qb.where(sql, params);
  });

const READ_CHUNK = 500;

/** Reads rows by a list of keys, READ_CHUNK keys to a query (under every database's parameter limit). */
export async function inChunks<T, R>(keys: T[], read: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < keys.length; i += READ_CHUNK) results.push(...(await read(keys.slice(i, i + READ_CHUNK))));
  return results;
}
