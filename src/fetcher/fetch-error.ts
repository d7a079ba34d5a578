export const FETCH_ERROR_CODES = ['bad_url', 'scheme', 'address', 'too_many_redirects', 'timeout', 'too_large', 'network'] as const;
export type FetchErrorCode = (typeof FETCH_ERROR_CODES)[number];

/**
 * Why a page could not be fetched. `bad_url`, `scheme` and `address` are
 * refusals made before any connection; the others happen on the way.
 */
export class FetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}
