import { setTimeout as sleep } from 'node:timers/promises';
import { FetchError } from '../../fetcher/fetch-error.js';
import type { FetchedPage, PageFetcher } from '../../fetcher/page-fetcher.js';
import { SourceError } from './source.js';

/** A page of a place's API: 5 MiB is far more than any documented page of comments. */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;
/** A place asking to wait longer than this is refused with its Retry-After rather than waited for. */
export const MAX_RETRY_AFTER_SECONDS = 30;
/** Tries of one request a place answers 429 or 503 to (the first included). */
const TRIES = 3;

export interface SourceResponse<T> {
  status: number;
  body: T;
  headers: FetchedPage['headers'];
  finalUrl: string;
}

/** Seconds a Retry-After header asks for (delta-seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterSeconds(value: string | string[] | undefined, now = Date.now()): number | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * How long a refusing place asks to wait: its Retry-After, else its
 * X-RateLimit-Reset (Mastodon answers 429 with no Retry-After, only the ISO
 * time its window resets; Reddit gives the seconds left in it).
 */
export function waitAsked(headers: FetchedPage['headers'], now = Date.now()): number | null {
  return retryAfterSeconds(headers['retry-after'], now) ?? retryAfterSeconds(headers['x-ratelimit-reset'], now);
}

/**
 * Every request of an import adapter, through the guarded fetcher (its
 * address rules, size and time limits): a place answering 429 or 503 with a
 * wait (waitAsked) of at most MAX_RETRY_AFTER_SECONDS is waited for and asked
 * again (TRIES in all); beyond that, or without saying how long, the import
 * stops with `import.rateLimited` naming how long the place asked to wait.
 */
export class SourceFetch {
  constructor(
    private readonly fetcher: Pick<PageFetcher, 'fetch'>,
    private readonly timeoutMs: number,
    /** How a wait is spent (tests pass a recorder). */
    private readonly wait: (ms: number) => Promise<unknown> = sleep,
  ) {}

  /** The raw answer, after waiting out a rate limit; fetch errors become a SourceError for `url`. */
  async get(url: string, place: string): Promise<FetchedPage> {
    for (let attempt = 1; ; attempt++) {
      let page: FetchedPage;
      try {
        page = await this.fetcher.fetch(url, { maxBytes: MAX_SOURCE_BYTES, timeoutMs: this.timeoutMs });
      } catch (error) {
        if (error instanceof FetchError) throw new SourceError(`url could not be read: ${error.message}`, `fetch.${error.code}`, error.values);
        throw error;
      }
      if (page.status !== 429 && page.status !== 503) return page;
      const seconds = waitAsked(page.headers);
      if (seconds === null || seconds > MAX_RETRY_AFTER_SECONDS || attempt === TRIES) {
        throw new SourceError(`url: ${place} refuses for now (HTTP ${page.status}${seconds === null ? '' : `, retry after ${seconds} s`})`, 'import.rateLimited', {
          place,
          status: page.status,
          seconds: seconds ?? 0,
        });
      }
      await this.wait(seconds * 1000);
    }
  }

  /**
   * JSON of an API address. Any status other than 200 is the caller's to
   * judge (`status`, body parsed when it is JSON, else null); a 200 that is
   * not JSON is refused as `import.notJson`.
   */
  async json<T>(url: string, place: string): Promise<SourceResponse<T | null>> {
    const page = await this.get(url, place);
    const body = parseJson<T>(page);
    if (page.status === 200 && body === null) throw new SourceError(`url: ${place} did not answer JSON at ${url}`, 'import.notJson', { place, url });
    return { status: page.status, body, headers: page.headers, finalUrl: page.finalUrl };
  }
}

function parseJson<T>(page: FetchedPage): T | null {
  try {
    return JSON.parse(page.body.toString('utf8')) as T;
  } catch {
    return null;
  }
}
