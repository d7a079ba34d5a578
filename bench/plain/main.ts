// The plain app of issue 21 [7/8]: NestJS + Fastify + TypeORM (sqlite3) +
// class-validator, one comment row per POST /api/incidents/:id/comments, the
// way a team writes it in a day: a DTO through a global ValidationPipe,
// repository.save, TypeORM's defaults otherwise (schema by `synchronize`),
// SQLite with Calumet's pragmas (WAL, synchronous NORMAL). None of Calumet's
// guarantees (no auth, no timeline chain, no search, no reminders).
// Started by bench/plain.ts: DATABASE_FILE, PORT.
import 'reflect-metadata';
import { Module, ValidationPipe, type OnModuleInit } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PlainComment } from './comment.entity.js';
import { CommentsModule } from './comments.js';

@Module({
  imports: [
    TypeOrmModule.forRoot({ type: 'sqlite', database: process.env['DATABASE_FILE']!, entities: [PlainComment], synchronize: true, enableWAL: true }),
    CommentsModule,
  ],
})
class AppModule implements OnModuleInit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    // The same pragmas as Calumet (src/database): WAL (enableWAL above) and NORMAL sync.
    await this.dataSource.query('PRAGMA synchronous = NORMAL');
  }
}

const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), { logger: ['error', 'warn'] });
app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true }));
await app.listen({ port: Number(process.env['PORT']), host: '127.0.0.1' });
// Ends as Calumet does on SIGTERM (so that Node writes a --cpu-prof profile, BENCH_PLAIN_NODE_ARGS).
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
