import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { QueryFailedError } from 'typeorm';
import { problemsOf, type Problem } from './problem.js';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  /** What is wrong, field by field, for readers of other languages (see Problem). */
  problems?: Problem[];
}

const UNIQUE_VIOLATION = /UNIQUE constraint failed|duplicate key value/i;
const FOREIGN_KEY_VIOLATION = /FOREIGN KEY constraint failed|violates foreign key constraint/i;

/** Turns anything thrown into `{ statusCode, error, message }`; only unknown errors are 500s, and they are logged. */
export function toErrorBody(exception: unknown, logger?: Logger): ErrorBody {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : ((response as { message?: string | string[] }).message ?? exception.message);
    const problems = problemsOf(exception);
    return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, ...(problems ? { problems } : {}) };
  }
  if (exception instanceof QueryFailedError) {
    if (UNIQUE_VIOLATION.test(exception.message)) return conflict('a record with the same unique value already exists');
    if (FOREIGN_KEY_VIOLATION.test(exception.message)) return conflict('the record refers to, or is referred to by, another record');
  }
  const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    return { statusCode: fastifyStatus, error: STATUS_CODES[fastifyStatus] ?? 'Error', message: (exception as Error).message };
  }
  logger?.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return { statusCode: 500, error: STATUS_CODES[500]!, message: 'Internal server error' };
}

function conflict(message: string): ErrorBody {
  return { statusCode: HttpStatus.CONFLICT, error: STATUS_CODES[409]!, message };
}

@Catch()
export class HttpErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = toErrorBody(exception, this.logger);
    void host.switchToHttp().getResponse<FastifyReply>().status(body.statusCode).type('application/json; charset=utf-8').send(body);
  }
}
