import { BadRequestException, ConflictException, ForbiddenException, GoneException, HttpException, HttpStatus, NotFoundException, PayloadTooLargeException } from '@nestjs/common';

/**
 * One thing wrong with a request, said so that every reader's language can
 * say it again: a code (a key of the `problem.` messages of the catalogues),
 * the values the sentence names, the field it is about, and the English
 * sentence the API has always answered.
 */
export interface Problem {
  /** The field it is about as a path (`demands.0.kind`); none when it is about the request as a whole. */
  field?: string;
  /** What is wrong, e.g. `validation.maxLength`, `incident.notFound`: the catalogue's `problem.<code>`. */
  code: string;
  values?: Record<string, string | number>;
  /** The English sentence. */
  message: string;
}

const EXCEPTIONS: Partial<Record<number, new (body: object) => HttpException>> = {
  [HttpStatus.BAD_REQUEST]: BadRequestException,
  [HttpStatus.FORBIDDEN]: ForbiddenException,
  [HttpStatus.NOT_FOUND]: NotFoundException,
  [HttpStatus.CONFLICT]: ConflictException,
  [HttpStatus.GONE]: GoneException,
  [HttpStatus.PAYLOAD_TOO_LARGE]: PayloadTooLargeException,
};

/**
 * An HTTP error that names its problems (Nest's own exception of that
 * status): the body is `{ statusCode, error, message, problems }`, where
 * `message` keeps the English sentences API clients read (a list for a 400,
 * one per bad field) and `problems` lets the desk say them in the reader's
 * language beside the fields they are about.
 */
export function problemException(status: HttpStatus, problems: Problem[]): HttpException {
  const messages = problems.map((problem) => problem.message);
  const body = { message: status === HttpStatus.BAD_REQUEST || messages.length > 1 ? messages : messages[0], problems };
  const Exception = EXCEPTIONS[status];
  return Exception ? new Exception(body) : new HttpException(body, status);
}

/** A refused field: 400 naming it. */
export const fieldProblem = (field: string, code: string, message: string, values?: Problem['values']): Problem => ({ field, code, message, ...(values ? { values } : {}) });

/** The problems an error carries, if it carries any. */
export function problemsOf(exception: unknown): Problem[] | undefined {
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    const problems = typeof response === 'object' && response ? (response as { problems?: unknown }).problems : undefined;
    if (Array.isArray(problems)) return problems as Problem[];
  }
  return undefined;
}
