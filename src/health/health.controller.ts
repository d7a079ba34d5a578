import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators.js';
import { RedisService } from '../queue/redis.service.js';

export class HealthView {
  @ApiProperty({ enum: ['ok', 'degraded', 'down'], description: 'degraded: Redis is away, reminders wait; down: the database is away' })
  status: 'ok' | 'degraded' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) db: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) redis: 'up' | 'down';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and dependencies; 503 only when the database is away' })
  @ApiOkResponse({ type: HealthView })
  @ApiServiceUnavailableResponse({ type: HealthView })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthView> {
    const [db, redis] = await Promise.all([
      this.dataSource.query('SELECT 1').then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      this.redis.ping().then((up) => (up ? ('up' as const) : ('down' as const))),
    ]);
    const status = db === 'down' ? 'down' : redis === 'down' ? 'degraded' : 'ok';
    if (status === 'down') void reply.status(503);
    return { status, db, redis };
  }
}
