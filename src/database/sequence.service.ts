import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AppConfig } from '../config/app-config.js';
import type { Tx } from './transaction.service.js';

/** Gap-free counters for human references (INC-2026-0007), advanced inside the caller's transaction. */
@Injectable()
export class SequenceService {
  constructor(private readonly config: AppConfig) {}

  async next(tx: Tx, name: string): Promise<number> {
    const p = tx.manager.connection.options.type === 'postgres' ? '$1' : '?';
    // The upsert takes the row's write lock, so the read that follows sees our own increment.
    await tx.manager.query(`INSERT INTO sequences (name, value) VALUES (${p}, 1) ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1`, [name]);
    const rows: Array<{ value: number | string }> = await tx.manager.query(`SELECT value FROM sequences WHERE name = ${p}`, [name]);
    return Number(rows[0]!.value);
  }

  /** The next yearly reference with this prefix, e.g. `INC-2026-0007`; the year is the current one in CALUMET_TZ. */
  async nextRef(tx: Tx, prefix: string): Promise<string> {
    const year = DateTime.now().setZone(this.config.timeZone).year;
    return `${prefix}-${year}-${String(await this.next(tx, `${prefix}-${year}`)).padStart(4, '0')}`;
  }
}
