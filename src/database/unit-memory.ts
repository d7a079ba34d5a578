import type { Tx } from './transaction.service.js';

/** The write counts a memory of a table compares: `TransactionService.writesTo`. */
export interface TableWrites {
  writesTo(table: string): number;
}

interface Kept<V> {
  epoch: number;
  writes: number;
  value: V;
}

/**
 * SQLite: what units of work read (an incident, who answers for it, a chain's
 * head), kept for the next units while it is still what the database holds:
 * the unit of work's epoch is the same (no rollback, no other connection's
 * commit since) and, for a memory of a table, no statement of this process
 * changed that table (`TransactionService.writesTo`; triggers that write
 * another table than their own are not followed, so such a table must not be
 * remembered). At most `capacity` keys; past that it starts again. A `copy`
 * hands each caller a value of its own, for values callers change.
 *
 * PostgreSQL keeps nothing: another process's transaction may change any row
 * at any time, and each unit reads what its own transaction sees.
 */
export class UnitMemory<V> {
  private readonly kept = new Map<string, Kept<V>>();

  constructor(private readonly options: { table?: { name: string; writes: TableWrites }; capacity?: number; copy?: (value: V) => V } = {}) {}

  /** The value kept for `key`, if it is still good in `tx`. */
  get(tx: Tx, key: string): V | undefined {
    if (!remembers(tx)) return undefined;
    const kept = this.kept.get(key);
    if (!kept || kept.epoch !== tx.epoch || kept.writes !== this.writes()) return undefined;
    return this.options.copy ? this.options.copy(kept.value) : kept.value;
  }

  /** Keeps `value` for `key`, as read or written in `tx` (with the table's writes counted before it was read, when it was). */
  set(tx: Tx, key: string, value: V, writes = this.writes()): void {
    if (!remembers(tx)) return;
    if (this.kept.size >= (this.options.capacity ?? 10_000) && !this.kept.has(key)) this.kept.clear();
    this.kept.set(key, { epoch: tx.epoch, writes, value: this.options.copy ? this.options.copy(value) : value });
  }

  /** Forgets `key`: what was kept of it no longer holds. */
  forget(key: string): void {
    this.kept.delete(key);
  }

  /** The value kept for `key` if still good, else the one `read` reads, kept. */
  async read(tx: Tx, key: string, read: () => Promise<V>): Promise<V> {
    const known = this.get(tx, key);
    if (known !== undefined) return known;
    // Counted before the read: a write to the table while it reads leaves what it read stale, and so not good.
    const writes = this.writes();
    const value = await read();
    this.set(tx, key, value, writes);
    return value;
  }

  private writes(): number {
    const table = this.options.table;
    return table ? table.writes.writesTo(table.name) : 0;
  }
}

const remembers = (tx: Tx): boolean => tx.manager.connection.options.type === 'sqlite';
