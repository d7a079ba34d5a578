import { judge, type Judgement, type PageCheckKind } from './judge.js';
import { FetchError } from '../fetcher/fetch-error.js';
import type { PageFetcher } from '../fetcher/page-fetcher.js';

/** Pages larger than this are not read for a check. */
const MAX_PAGE_BYTES = 5 * 1024 * 1024;

/**
 * Fetches a live page with the guarded fetcher and judges it against a
 * promise; a page that cannot be fetched (refused, too slow, too large) is an
 * `error` judgement, to be tried again, never a failure.
 */
export async function checkPage(
  fetcher: PageFetcher,
  url: string,
  timeoutMs: number,
  kind: PageCheckKind,
  mentionText?: string | null,
): Promise<Judgement & { finalUrl: string | null }> {
  try {
    const page = await fetcher.fetch(url, { maxBytes: MAX_PAGE_BYTES, timeoutMs });
    return { ...judge(kind, page, mentionText), finalUrl: page.finalUrl };
  } catch (error) {
    if (!(error instanceof FetchError)) throw error;
    return { verdict: 'error', httpStatus: null, directives: null, detail: error.message, reason: { code: error.code, values: error.values }, observedIndexing: null, finalUrl: null };
  }
}
