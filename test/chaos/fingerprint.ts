import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * A hash of every row of every table (FTS5's shadow tables aside: the
 * `search_documents` they index are counted), so a refused request that left
 * anything behind, an insert or an update, changes it.
 */
export async function databaseFingerprint(dataSource: DataSource): Promise<Map<string, string>> {
  const sqlite = dataSource.options.type !== 'postgres';
  const tables = (
    (await dataSource.query(
      sqlite
        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index%' ORDER BY name"
        : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    )) as Array<{ name: string }>
  ).map((row) => row.name);
  const fingerprint = new Map<string, string>();
  for (const table of tables) {
    const rows = (await dataSource.query(`SELECT * FROM "${table}"`)) as unknown[];
    const lines = rows.map((row) => JSON.stringify(row)).sort();
    fingerprint.set(table, `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`);
  }
  return fingerprint;
}

/** The tables whose rows differ between two fingerprints. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((table) => before.get(table) !== after.get(table));
}
