import { convert } from 'html-to-text';
import { foldText } from '../common/text-fold.js';
import { readIndexing, type RobotsDirectives } from './robots.js';
import type { FetchErrorCode } from '../fetcher/fetch-error.js';
import type { Code } from '../common/problem.js';

/** What the page answered (a FetchedPage of the page fetcher fits). */
/** What a page check can prove: a page in noindex, gone, without a mention, or showing a reply. */
export const PAGE_CHECK_KINDS = ['noindex', 'remove_content', 'remove_mention', 'publish_reply'] as const;
export type PageCheckKind = (typeof PAGE_CHECK_KINDS)[number];

export const VERDICTS = ['pass', 'fail', 'error'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface PageAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * Why a check came out as it did, for the reader's language (`detail` says it in English):
 * - without `place`, the page could not be fetched: the fetcher's refusal or failure (FetchError's code);
 * - with `place` (its platform: mastodon, discourse…), the place was asked of its own message instead of the page: `shown` or
 *   `gone` (values: `id`, the message's id there), or why it could not answer (SourceError's problem code).
 * The values are those its message names.
 */
export type CheckReason =
  | { code: FetchErrorCode; values: Record<string, string | number> }
  | { place: string; code: 'shown' | 'gone' | Code; values: Record<string, string | number> };

export interface Judgement {
  verdict: Verdict;
  httpStatus: number | null;
  directives: RobotsDirectives | null;
  detail: string | null;
  /** Why the page could not be fetched, or what its place said, for the reader's language (`detail` says it in English); none when the page answered. */
  reason?: CheckReason | null;
  /** What the page says about its indexing, when it said anything. */
  observedIndexing: 'index' | 'noindex' | null;
}

const GONE = new Set([404, 410]);


/**
 * Whether the live page shows the commitment kept: noindex by its robots
 * directives (a page that is gone is not indexed either), remove_content by a
 * 404 or 410, remove_mention by the text no longer on the page, publish_reply
 * by the reply's whole text on it (`mentionText`; a page that is gone shows
 * no reply). Texts are compared folded (common/text-fold.ts: case, accents
 * and runs of white space aside). An answer that proves neither (a 500, a
 * 403) is an `error`: the check is retried, it does not count against the
 * commitment.
 */
export function judge(kind: PageCheckKind, answer: PageAnswer, mentionText?: string | null): Judgement {
  const status = answer.status;
  const base = { httpStatus: status, directives: null, observedIndexing: null } as const;
  if (kind === 'publish_reply') return judgeReply(answer, mentionText);
  if (GONE.has(status)) {
    return { ...base, verdict: 'pass', detail: `the page answers ${status}: it is gone` };
  }
  if (status < 200 || status >= 300) {
    return { ...base, verdict: 'error', detail: `the page answers ${status}, which neither shows nor disproves the commitment` };
  }
  const html = answer.body.toString('utf8');
  if (kind === 'noindex') {
    const reading = readIndexing(html, answer.headers['x-robots-tag']);
    return {
      ...base,
      directives: reading.directives,
      observedIndexing: reading.noindex ? 'noindex' : 'index',
      verdict: reading.noindex ? 'pass' : 'fail',
      detail: reading.noindex ? null : 'no noindex directive in <meta name="robots">, <meta name="googlebot"> or X-Robots-Tag',
    };
  }
  if (kind === 'remove_content') {
    return { ...base, verdict: 'fail', detail: `the page still answers ${status}` };
  }
  const text = foldText(convert(html, { wordwrap: false }));
  const present = text.includes(foldText(mentionText ?? ''));
  return { ...base, verdict: present ? 'fail' : 'pass', detail: present ? `the page still mentions "${mentionText}"` : null };
}

/** publish_reply: the reply's text is on the page; a page gone (404, 410) shows no reply, the décret wanting it kept even when the message it answers is taken down. */
function judgeReply(answer: PageAnswer, replyText?: string | null): Judgement {
  const status = answer.status;
  const base = { httpStatus: status, directives: null, observedIndexing: null } as const;
  const reply = foldText(replyText ?? '');
  if (!reply) return { ...base, verdict: 'error', detail: 'no reply text is recorded to look for on the page' };
  if (GONE.has(status)) return { ...base, verdict: 'fail', detail: `the page answers ${status}: the reply is not on it` };
  if (status < 200 || status >= 300) return { ...base, verdict: 'error', detail: `the page answers ${status}, which neither shows nor disproves the commitment` };
  const present = foldText(convert(answer.body.toString('utf8'), { wordwrap: false })).includes(reply);
  return { ...base, verdict: present ? 'pass' : 'fail', detail: present ? null : 'the page does not show the reply’s text in full' };
}
