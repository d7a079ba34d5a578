import { fieldProblem, type Problem } from '../common/problem.js';

export const FETCH_ERROR_CODES = ['bad_url', 'scheme', 'address', 'too_many_redirects', 'timeout', 'too_large', 'network'] as const;
export type FetchErrorCode = (typeof FETCH_ERROR_CODES)[number];

/**
 * Why a page could not be fetched. `bad_url`, `scheme` and `address` are
 * refusals made before any connection; the others happen on the way. The
 * values are what the catalogues' `problem.fetch.<code>` names (`url`…).
 */
export class FetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    readonly values: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

/** A field whose address could not be fetched, said with the fetch's own reason (the English message: `message`). */
export const fetchProblem = (field: string, error: FetchError, message: string): Problem => fieldProblem(field, `fetch.${error.code}`, message, error.values);
