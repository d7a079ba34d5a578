import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';

const SETTING = 'session_key';

/**
 * The 32-byte key of the session cookie: SHA-256 of SESSION_SECRET when set;
 * otherwise one made on first start and kept in the database, so every API
 * process of one desk reads the same key and sessions survive restarts.
 */
@Injectable()
export class SessionKeyService {
  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
  ) {}

  async key(): Promise<Buffer> {
    if (this.config.sessionSecret) return createHash('sha256').update(this.config.sessionSecret).digest();
    const postgres = this.dataSource.options.type === 'postgres';
    const value = await this.transactions.run(async (tx) => {
      await tx.manager.query(
        `INSERT INTO web_settings (key, value) VALUES (${postgres ? '$1, $2' : '?, ?'}) ON CONFLICT (key) DO NOTHING`,
        [SETTING, randomBytes(32).toString('base64')],
      );
      const rows: Array<{ value: string }> = await tx.manager.query(`SELECT value FROM web_settings WHERE key = ${postgres ? '$1' : '?'}`, [SETTING]);
      return rows[0]!.value;
    });
    return Buffer.from(value, 'base64');
  }
}
