import { BadRequestException, ConflictException, ForbiddenException, GoneException, HttpException, HttpStatus, InternalServerErrorException, NotFoundException, PayloadTooLargeException, UnauthorizedException } from '@nestjs/common';
import type { ProblemCode } from '../i18n/en.js';
import type { ProblemLike } from '../i18n/i18n.js';

/** A code of the catalogues' `problem.` messages, or a validation constraint's (`validation.maxLength`). */
export type Code = ProblemCode | `validation.${string}`;

/**
 * One thing wrong with a request, said so that every reader's language can
 * say it again: a code (e.g. `validation.maxLength`, `notFound`: a key of
 * the `problem.` messages of the catalogues), the values the sentence names
 * and how to say them, the field it is about, and the English sentence the
 * API has always answered.
 */
export interface Problem extends ProblemLike {
  code: Code;
}

type Details = Pick<Problem, 'field' | 'values' | 'words'>;

const EXCEPTIONS: Partial<Record<number, new (body: object) => HttpException>> = {
  [HttpStatus.BAD_REQUEST]: BadRequestException,
  [HttpStatus.UNAUTHORIZED]: UnauthorizedException,
  [HttpStatus.FORBIDDEN]: ForbiddenException,
  [HttpStatus.NOT_FOUND]: NotFoundException,
  [HttpStatus.CONFLICT]: ConflictException,
  [HttpStatus.GONE]: GoneException,
  [HttpStatus.PAYLOAD_TOO_LARGE]: PayloadTooLargeException,
  [HttpStatus.INTERNAL_SERVER_ERROR]: InternalServerErrorException,
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

/** One problem: its code, its English sentence, and what the sentence names. */
export const problem = (code: Code, message: string, details: Details = {}): Problem => ({
  ...(details.field !== undefined ? { field: details.field } : {}),
  code,
  ...(details.values ? { values: details.values } : {}),
  ...(details.words ? { words: details.words } : {}),
  message,
});

/** A refused field: 400 naming it. */
export const fieldProblem = (field: string, code: Code, message: string, values?: Problem['values'], words?: Problem['words']): Problem => problem(code, message, { field, values, words });

/** A request refused for one reason: the status with its one problem. */
export const refusal = (status: HttpStatus, code: Code, message: string, details?: Details): HttpException => problemException(status, [problem(code, message, details)]);

/** 400 with the problems of the request's fields. */
export const badRequest = (...problems: Problem[]): HttpException => problemException(HttpStatus.BAD_REQUEST, problems);

/** What a 404 may be about: the `thing` of `problem.notFound`. */
export type Thing = 'incident' | 'comment' | 'party' | 'post' | 'legal_notice' | 'commitment' | 'reminder' | 'user' | 'notification' | 'seal' | 'evidence' | 'session' | 'import' | 'prescription';

/** 404 for a record that does not exist (or that the reader may not see): "incident <id> not found". */
export const notFound = (thing: Thing, id: string): HttpException =>
  refusal(HttpStatus.NOT_FOUND, 'notFound', `${thing.replace(/_/g, ' ')} ${id} not found`, { values: { thing, id } });

/** The problems an error carries, if it carries any. */
export function problemsOf(exception: unknown): Problem[] | undefined {
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    const problems = typeof response === 'object' && response ? (response as { problems?: unknown }).problems : undefined;
    if (Array.isArray(problems)) return problems as Problem[];
  }
  return undefined;
}
