import type { InsertRows } from './bulk-insert.js';

/** Tables whose rows a batch holds, in the order they are written (a table's rows may refer to those of the tables before it). */
export const HELD_TABLES = ['comments', 'owed_replies', 'timeline_events', 'timeline_personal_values', 'reminders'] as const;

interface Row {
  unit: number;
  tuple: unknown[];
}

interface Table {
  table: string;
  names: string;
  ignoreConflicts: boolean;
  rows: Row[];
}

/**
 * The rows the units of one SQLite batch inserted into the held tables and
 * that are not written yet, by unit, and those written while a unit's
 * savepoint was open on behalf of the units before it: rolled back with that
 * unit, they are held again.
 */
export class HeldRows {
  private readonly tables = new Map<string, Table>(HELD_TABLES.map((name) => [name, { table: '', names: '', ignoreConflicts: false, rows: [] }]));
  /** Rows of earlier units written inside the savepoint of the unit running now. */
  private writtenInSavepoint: Array<{ name: string; row: Row; table: string; names: string; ignoreConflicts: boolean }> = [];

  hold(unit: number, name: string, rows: InsertRows): boolean {
    const table = this.tables.get(name);
    if (!table) return false;
    const ignoreConflicts = rows.ignoreConflicts ?? false;
    if (table.rows.length && (table.names !== rows.names || table.ignoreConflicts !== ignoreConflicts)) return false;
    table.table = rows.table;
    table.names = rows.names;
    table.ignoreConflicts = ignoreConflicts;
    for (const tuple of rows.tuples) table.rows.push({ unit, tuple });
    return true;
  }

  get size(): number {
    let size = 0;
    for (const table of this.tables.values()) size += table.rows.length;
    return size;
  }

  /** Takes every held row, table by table in HELD_TABLES order, to be written now while `unit`'s savepoint is open. */
  take(unit: number): InsertRows[] {
    const taken: InsertRows[] = [];
    for (const [name, table] of this.tables) {
      if (!table.rows.length) continue;
      const rows = table.rows.splice(0);
      for (const row of rows) if (row.unit !== unit) this.writtenInSavepoint.push({ name, row, table: table.table, names: table.names, ignoreConflicts: table.ignoreConflicts });
      taken.push({ table: table.table, names: table.names, tuples: rows.map((row) => row.tuple), ignoreConflicts: table.ignoreConflicts });
    }
    return taken;
  }

  /** A unit's savepoint was released: what was written inside it stays. */
  released(): void {
    this.writtenInSavepoint = [];
  }

  /** A unit that wrote nothing (no savepoint of its own) was refused: its rows go. */
  drop(unit: number): void {
    for (const table of this.tables.values()) table.rows = table.rows.filter((row) => row.unit !== unit);
  }

  /** A unit's savepoint was rolled back: its own rows go, the earlier units' rows written inside it are held again (before those held since). */
  rolledBack(unit: number): void {
    this.drop(unit);
    for (const { name, row, table, names, ignoreConflicts } of this.writtenInSavepoint.reverse()) {
      const held = this.tables.get(name)!;
      held.table = table;
      held.names = names;
      held.ignoreConflicts = ignoreConflicts;
      held.rows.unshift(row);
    }
    this.writtenInSavepoint = [];
  }
}
