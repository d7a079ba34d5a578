import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './database.options.js';
import { SequenceService } from './sequence.service.js';
import { TransactionService } from './transaction.service.js';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config), autoLoadEntities: true }),
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        if (dataSource.options.type === 'sqlite') {
          // WAL with NORMAL sync: a crashed process loses nothing committed; only a power cut may lose the last commits.
          await dataSource.query('PRAGMA synchronous = NORMAL');
        }
        return dataSource;
      },
    }),
  ],
  providers: [TransactionService, SequenceService],
  exports: [TransactionService, SequenceService],
})
export class DatabaseModule {}
