import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { QueryFailedError } from 'typeorm';
import { problem, problemsOf, type Code, type Problem } from './problem.js';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  /** What is wrong, field by field, for readers of other languages (see Problem). */
  problems?: Problem[];
}

const UNIQUE_VIOLATION = /UNIQUE constraint failed|duplicate key value/i;
const FOREIGN_KEY_VIOLATION = /FOREIGN KEY constraint failed|violates foreign key constraint/i;

/**
 * Turns anything thrown into `{ statusCode, error, message, problems }`;
 * only unknown errors are 500s, and they are logged. Every answer names its
 * problems, so the desk can say any of them in the reader's language.
 */
export function toErrorBody(exception: unknown, logger?: Logger): ErrorBody {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : ((response as { message?: string | string[] }).message ?? exception.message);
    const problems = problemsOf(exception) ?? (Array.isArray(message) ? message : [message]).map((text) => problem(codeOf(status, String(text)), String(text), { values: { status } }));
    return body(status, message, problems);
  }
  if (exception instanceof QueryFailedError) {
    if (UNIQUE_VIOLATION.test(exception.message)) return conflict('database.unique', 'a record with the same unique value already exists');
    if (FOREIGN_KEY_VIOLATION.test(exception.message)) return conflict('database.foreignKey', 'the record refers to, or is referred to by, another record');
  }
  const fastify = exception as { statusCode?: unknown; message?: unknown };
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const message = String(fastify.message);
    return body(fastify.statusCode, message, [problem(codeOf(fastify.statusCode, message), message, { values: { status: fastify.statusCode } })]);
  }
  logger?.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return body(500, 'Internal server error', [problem('server.internal', 'Internal server error')]);
}

/** The code of a refusal that came without one (Fastify's, Nest's own): by its status. */
function codeOf(status: number, message: string): Code {
  if (status === HttpStatus.PAYLOAD_TOO_LARGE) return 'request.tooLarge';
  if (status === HttpStatus.UNSUPPORTED_MEDIA_TYPE) return 'request.mediaType';
  if (status === HttpStatus.BAD_REQUEST && /JSON/.test(message)) return 'request.malformed';
  return 'http.status';
}

function body(status: number, message: string | string[], problems: Problem[]): ErrorBody {
  return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, problems };
}

function conflict(code: Code, message: string): ErrorBody {
  return body(HttpStatus.CONFLICT, message, [problem(code, message)]);
}

@Catch()
export class HttpErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = toErrorBody(exception, this.logger);
    void host.switchToHttp().getResponse<FastifyReply>().status(body.statusCode).type('application/json; charset=utf-8').send(body);
  }
}
