import { DateTime } from 'luxon';
import { CURRENT_SEEDED_DEADLINE_RULES } from '../database/migrations/1796340000000-right-of-reply-length.js';
import { addPeriod, computeDeadline, findRule, type NoticeClock } from './deadline-calculator.js';
import type { DeadlineRule } from './deadline-rule.entity.js';

const PARIS = 'Europe/Paris';
const SEEDED: readonly DeadlineRule[] = CURRENT_SEEDED_DEADLINE_RULES;

/** A request by registered mail stating its reply, so only the check under test speaks. */
const notice = (fields: Partial<NoticeClock>): NoticeClock => ({
  type: 'right_of_reply',
  jurisdiction: 'FR',
  receivedAt: null,
  acknowledgedAt: null,
  sentAt: null,
  statedDeadline: null,
  publishedAt: null,
  receivedVia: 'registered_mail',
  requestedReply: 'The reply I ask you to publish.',
  ...fields,
});
const at = (iso: string) => new Date(iso);
const rule = (fields: Partial<DeadlineRule>): DeadlineRule => ({
  jurisdiction: '*',
  noticeType: 'other',
  clockStarts: 'receivedAt',
  period: 'P3D',
  dayCount: 'calendar',
  reference: 'test rule',
  note: null,
  validity: null,
  preferStatedDeadline: false,
  ...fields,
});
const respondBy = (rules: readonly DeadlineRule[], fields: Partial<NoticeClock>, timeZone = PARIS) =>
  computeDeadline(rules, notice(fields), timeZone).respondBy?.toISOString() ?? null;

describe('seeded rule: FR right of reply (LCEN art. 6-IV)', () => {
  const published = at('2026-02-01T09:00:00+01:00');

  it('gives 3 days from receipt, to the end of the third day in Paris', () => {
    const deadline = computeDeadline(SEEDED, notice({ receivedAt: at('2026-03-02T10:00:00+01:00'), publishedAt: published }), PARIS);
    expect(deadline).toMatchObject({
      respondBy: at('2026-03-05T22:59:59.999Z'),
      deadlineBasis: 'FR right_of_reply rule: 3 days from receipt (LCEN (loi n° 2004-575) art. 6-IV; décret n° 2007-1527 du 24 octobre 2007)',
      validity: [],
    });
  });

  it('reads the day of receipt in CALUMET_TZ: Sunday 23:30 UTC is Monday in Paris', () => {
    expect(respondBy(SEEDED, { receivedAt: at('2026-03-01T23:30:00Z'), publishedAt: published })).toBe('2026-03-05T22:59:59.999Z');
    expect(respondBy(SEEDED, { receivedAt: at('2026-03-01T23:30:00Z'), publishedAt: published }, 'UTC')).toBe('2026-03-04T23:59:59.999Z');
    expect(respondBy(SEEDED, { receivedAt: at('2026-03-01T22:30:00Z'), publishedAt: published })).toBe('2026-03-04T22:59:59.999Z');
  });

  it('ends the day on local time across the change to summer time', () => {
    expect(respondBy(SEEDED, { receivedAt: at('2026-03-27T12:00:00+01:00'), publishedAt: published })).toBe('2026-03-30T21:59:59.999Z');
  });

  it('accepts a request that reaches us on the last day of the 3 months after publication', () => {
    const deadline = computeDeadline(SEEDED, notice({ publishedAt: at('2026-01-10T15:00:00+01:00'), receivedAt: at('2026-04-10T23:00:00+02:00') }), PARIS);
    expect(deadline.validity).toEqual([]);
  });

  it('warns when the request came more than 3 months after the publication, and still gives the deadline', () => {
    const deadline = computeDeadline(SEEDED, notice({ publishedAt: at('2026-01-10T15:00:00+01:00'), receivedAt: at('2026-04-11T08:00:00+02:00') }), PARIS);
    expect(deadline.respondBy).toEqual(at('2026-04-14T21:59:59.999Z'));
    expect(deadline.validity).toMatchObject([
      {
        code: 'request_out_of_time',
        message:
          "the request came on 2026-04-11, more than 3 months after the content's publication on 2026-01-10 (limit 2026-04-10): it may be out of time (LCEN (loi n° 2004-575) art. 6-IV; décret n° 2007-1527 du 24 octobre 2007)",
      },
    ]);
  });

  it('says when the publication date is unknown, so the 3 months could not be checked', () => {
    expect(computeDeadline(SEEDED, notice({ receivedAt: at('2026-03-02T10:00:00Z') }), PARIS).validity).toMatchObject([
      { code: 'publication_date_unknown', message: "the content's publication date is unknown, so the 3 months limit for the request could not be checked" },
    ]);
  });

  it('does not apply outside France', () => {
    expect(computeDeadline(SEEDED, notice({ jurisdiction: 'BE', receivedAt: at('2026-03-02T10:00:00Z') }), PARIS)).toMatchObject({
      respondBy: null,
      deadlineBasis: null,
      validity: [],
    });
  });

  it('ignores a deadline the request states: the law sets it', () => {
    expect(respondBy(SEEDED, { receivedAt: at('2026-03-02T10:00:00+01:00'), statedDeadline: '2026-03-20', publishedAt: published })).toBe(
      '2026-03-05T22:59:59.999Z',
    );
  });
});

describe('seeded rule: FR right of reply, the form of the request (décret n° 2007-1527, art. 1)', () => {
  const published = at('2026-02-01T09:00:00+01:00');
  const validity = (fields: Partial<NoticeClock>) =>
    computeDeadline(SEEDED, notice({ receivedAt: at('2026-03-02T10:00:00+01:00'), publishedAt: published, ...fields }), PARIS).validity;
  const receiptWarning = (via: string) => ({
    code: 'receipt_not_proven',
    message: `the request came by ${via}, which proves neither its receipt nor the requester's identity: it should come by registered mail, bailiff, hand delivery, court or another means proving both (décret n° 2007-1527 du 24 octobre 2007, art. 1)`,
  });

  it.each([
    ['email', 'email'],
    ['other', 'other'],
  ])('warns that a request received by %s proves neither its receipt nor who sent it', (receivedVia, said) => {
    expect(validity({ receivedVia })).toMatchObject([receiptWarning(said)]);
  });

  it('warns that a request made as a comment came where the requester could answer in the comments themselves, and proves nothing', () => {
    expect(validity({ receivedVia: 'comment' })).toMatchObject([
      {
        code: 'comments_open',
        message:
          'the request came as a comment, where the requester could answer directly: the procedure does not apply where the comments are open to them (décret n° 2007-1527 du 24 octobre 2007, art. 1)',
      },
      receiptWarning('comment'),
    ]);
  });

  it.each([
    ['open', 'comment_status', 'the comments of the content are open, where the requester could answer directly'],
    ['others_commented', 'others_commented', 'others commented on the content, so the requester could answer there directly'],
  ] as const)('warns that the procedure does not apply where the content’s comments are %s', (commentsOpen, basis, why) => {
    expect(validity({ commentsOpen })).toEqual([
      {
        code: 'comments_open',
        message: `${why}: the procedure does not apply where the comments are open to them (décret n° 2007-1527 du 24 octobre 2007, art. 1)`,
        values: { basis, reference: 'décret n° 2007-1527 du 24 octobre 2007, art. 1' },
      },
    ]);
  });

  it('gives no comments warning where the post’s comments are closed or nothing is known, unless the request came as a comment', () => {
    expect(validity({ commentsOpen: 'closed' })).toEqual([]);
    expect(validity({ commentsOpen: null })).toEqual([]);
    expect(validity({ commentsOpen: 'closed', receivedVia: 'comment' })[0]).toMatchObject({ code: 'comments_open', values: { basis: 'request_as_comment' } });
  });

  it('warns of a reply longer than the message it answers, in characters or in lines, naming both lengths', () => {
    const tooLong = validity({ requestedReply: 'Une réponse bien plus longue que le message.', originalText: 'Un message court.' });
    expect(tooLong).toEqual([
      {
        code: 'reply_too_long',
        message:
          'the reply (44 characters, 1 lines) is longer than the message it answers (17 characters, 1 lines): it may be no longer (décret n° 2007-1527 du 24 octobre 2007, art. 3)',
        values: { replyCharacters: '44', replyLines: '1', originalCharacters: '17', originalLines: '1', reference: 'décret n° 2007-1527 du 24 octobre 2007, art. 3' },
      },
    ]);
    expect(validity({ requestedReply: 'a\nb\nc', originalText: 'abcdefghij' })).toMatchObject([{ code: 'reply_too_long', values: { replyLines: '3', originalLines: '1' } }]);
    expect(validity({ requestedReply: 'Court.', originalText: 'Un message plus long.' })).toEqual([]);
    expect(validity({ requestedReply: 'Aussi long', originalText: 'aussi long' })).toEqual([]);
  });

  it('does not compare the reply with a message whose text is not known', () => {
    expect(validity({ requestedReply: 'Une réponse bien plus longue.', originalText: null })).toEqual([]);
  });

  it('warns of a reply over 200 lines, whatever the message it answers', () => {
    const lines = (count: number) => Array.from({ length: count }, (_, index) => `ligne ${index}`).join('\n');
    expect(validity({ requestedReply: lines(200) })).toEqual([]);
    expect(validity({ requestedReply: lines(201) })).toEqual([
      {
        code: 'reply_over_200_lines',
        message: 'the reply runs to 201 lines (counted at 60 characters a line), over the 200 a reply may have (décret n° 2007-1527 du 24 octobre 2007, art. 3)',
        values: { replyLines: '201', maxLines: '200', width: '60', reference: 'décret n° 2007-1527 du 24 octobre 2007, art. 3' },
      },
    ]);
    expect(validity({ requestedReply: lines(201), originalText: lines(300) }).map((warning) => warning.code)).toEqual(['reply_over_200_lines']);
  });

  it.each(['registered_mail', 'bailiff', 'hand_delivery', 'court'])('accepts a request received by %s as proof of receipt', (receivedVia) => {
    expect(validity({ receivedVia })).toEqual([]);
  });

  it('does not check the channel of a notice we sent (no receivedVia)', () => {
    expect(validity({ receivedVia: null })).toEqual([]);
  });

  it('warns when no reply text is recorded, blank included', () => {
    const warning = {
      code: 'requested_reply_missing',
      message: 'no reply text is recorded: the request must state the reply it seeks (décret n° 2007-1527 du 24 octobre 2007, art. 1)',
    };
    expect(validity({ requestedReply: null })).toMatchObject([warning]);
    expect(validity({ requestedReply: '  ' })).toMatchObject([warning]);
  });

  it('gives every warning that applies, the time limit first, and still the deadline', () => {
    const deadline = computeDeadline(SEEDED, notice({ receivedAt: at('2026-06-02T10:00:00+02:00'), publishedAt: published, receivedVia: 'comment', requestedReply: null }), PARIS);
    expect(deadline.respondBy).toEqual(at('2026-06-05T21:59:59.999Z'));
    expect(deadline.validity.map((warning) => warning.code)).toEqual(['request_out_of_time', 'comments_open', 'receipt_not_proven', 'requested_reply_missing']);
  });

  it('cites the rule’s reference when the rule names no text for the form of the request', () => {
    const own = [rule({ reference: 'own rule', validity: { proofOfReceiptVia: ['registered_mail'], requestedReplyRequired: true } })];
    expect(computeDeadline(own, notice({ type: 'other', receivedAt: at('2026-03-02T10:00:00Z'), receivedVia: 'email', requestedReply: null }), PARIS).validity).toMatchObject([
      { code: 'receipt_not_proven', message: expect.stringMatching(/should come by registered mail or another means proving both \(own rule\)$/) },
      { code: 'requested_reply_missing', message: expect.stringMatching(/\(own rule\)$/) },
    ]);
  });

  it('checks nothing of the form for a rule that asks nothing of it', () => {
    expect(computeDeadline([rule({})], notice({ type: 'other', receivedAt: at('2026-03-02T10:00:00Z'), receivedVia: 'comment', requestedReply: null }), PARIS).validity).toEqual([]);
  });
});

describe('seeded rule: EU data-protection requests (GDPR art. 12(3))', () => {
  const dsar = (jurisdiction: string, receivedAt: string) => respondBy(SEEDED, { type: 'data_protection_request', jurisdiction, receivedAt: at(receivedAt) });

  it.each([
    ['2026-01-15T10:00:00+01:00', '2026-02-15T22:59:59.999Z'],
    ['2026-01-31T10:00:00+01:00', '2026-02-28T22:59:59.999Z'],
    ['2028-01-31T10:00:00+01:00', '2028-02-29T22:59:59.999Z'],
    ['2026-01-29T10:00:00+01:00', '2026-02-28T22:59:59.999Z'],
    ['2026-03-31T10:00:00+02:00', '2026-04-30T21:59:59.999Z'],
    ['2026-02-28T10:00:00+01:00', '2026-03-28T22:59:59.999Z'],
    ['2026-12-31T10:00:00+01:00', '2027-01-31T22:59:59.999Z'],
  ])('received %s: answer by %s (same date next month, or its last day)', (receivedAt, expected) => {
    expect(dsar('FR', receivedAt)).toBe(expected);
  });

  it.each(['DE', 'IT', 'GR', 'IE', 'SE', 'MT'])('applies to the member state %s', (country) => {
    expect(dsar(country, '2026-01-31T10:00:00+01:00')).toBe('2026-02-28T22:59:59.999Z');
  });

  it.each(['CH', 'GB', 'US', 'NO'])('does not apply to %s, outside the EU', (country) => {
    expect(dsar(country, '2026-01-31T10:00:00+01:00')).toBeNull();
  });

  it('names the rule and its reference', () => {
    const deadline = computeDeadline(SEEDED, notice({ type: 'data_protection_request', jurisdiction: 'DE', receivedAt: at('2026-01-31T10:00:00Z') }), PARIS);
    expect(deadline.deadlineBasis).toBe('EU data_protection_request rule: 1 month from receipt (GDPR (Regulation (EU) 2016/679) art. 12(3))');
  });
});

describe('seeded rule: formal notices', () => {
  const formal = (fields: Partial<NoticeClock>) => computeDeadline(SEEDED, notice({ type: 'formal_notice', jurisdiction: 'US', ...fields }), PARIS);

  it('takes the deadline the letter states, to the end of that day', () => {
    expect(formal({ receivedAt: at('2026-12-01T10:00:00Z'), statedDeadline: '2026-12-12' })).toMatchObject({
      respondBy: at('2026-12-12T22:59:59.999Z'),
      deadlineBasis: expect.stringMatching(/^\* formal_notice rule: the deadline the notice states \(Code civil art\. 1344\)$/),
    });
  });

  it('gives 8 days from receipt when the letter states none', () => {
    expect(formal({ receivedAt: at('2026-12-01T10:00:00Z') })).toMatchObject({
      respondBy: at('2026-12-09T22:59:59.999Z'),
      deadlineBasis: expect.stringMatching(/^\* formal_notice rule: 8 days from receipt, as the notice states no deadline \(/),
    });
  });

  it('applies in every jurisdiction', () => {
    expect(formal({ jurisdiction: 'FR', receivedAt: at('2026-12-01T10:00:00Z') }).respondBy).toEqual(at('2026-12-09T22:59:59.999Z'));
  });
});

describe(findRule.name, () => {
  const rules = [
    rule({ jurisdiction: '*', noticeType: 'formal_notice', period: 'P8D' }),
    rule({ jurisdiction: 'FR', noticeType: 'formal_notice', period: 'P15D' }),
    rule({ jurisdiction: 'EU', noticeType: 'data_protection_request', period: 'P1M' }),
    rule({ jurisdiction: 'DE', noticeType: 'data_protection_request', period: 'P20D' }),
  ];

  it.each([
    ['formal_notice', 'FR', 'P15D'],
    ['formal_notice', 'BE', 'P8D'],
    ['data_protection_request', 'DE', 'P20D'],
    ['data_protection_request', 'AT', 'P1M'],
    ['data_protection_request', 'US', null],
    ['right_of_reply', 'FR', null],
  ])('picks the most specific rule for %s in %s', (type, jurisdiction, period) => {
    expect(findRule(rules, type, jurisdiction)?.period ?? null).toBe(period);
  });
});

describe('clock starts', () => {
  const fromAck = [rule({ clockStarts: 'acknowledgedAt', period: 'P15D' })];
  const fromSending = [rule({ clockStarts: 'sentAt', period: 'P15D' })];

  it('counts from the acknowledgment of receipt', () => {
    expect(respondBy(fromAck, { type: 'other', receivedAt: at('2026-05-04T10:00:00Z'), acknowledgedAt: at('2026-05-06T10:00:00Z') })).toBe(
      '2026-05-21T21:59:59.999Z',
    );
  });

  it('gives no deadline, and says why, while the acknowledgment of receipt is not known', () => {
    expect(computeDeadline(fromAck, notice({ type: 'other', receivedAt: at('2026-05-04T10:00:00Z') }), PARIS)).toMatchObject({
      respondBy: null,
      deadlineBasis: '* other rule: 15 days from the acknowledgment of receipt (test rule)',
      validity: [{ code: 'clock_start_unknown', message: 'no deadline yet: the rule counts 15 days from the acknowledgment of receipt (acknowledgedAt), which is not known' }],
    });
  });

  it('counts from sending', () => {
    expect(respondBy(fromSending, { type: 'other', sentAt: at('2026-05-01T10:00:00Z'), receivedAt: at('2026-05-04T10:00:00Z') })).toBe(
      '2026-05-16T21:59:59.999Z',
    );
  });
});

describe('business days', () => {
  const business = [rule({ period: 'P3D', dayCount: 'business' })];
  const other = (receivedAt: string, timeZone = PARIS) => respondBy(business, { type: 'other', receivedAt: at(receivedAt) }, timeZone);

  it.each([
    ['Monday', '2026-03-02T10:00:00+01:00', '2026-03-05T22:59:59.999Z'],
    ['Wednesday', '2026-03-04T10:00:00+01:00', '2026-03-09T22:59:59.999Z'],
    ['Friday', '2026-03-06T10:00:00+01:00', '2026-03-11T22:59:59.999Z'],
    ['Saturday', '2026-03-07T10:00:00+01:00', '2026-03-11T22:59:59.999Z'],
    ['Sunday', '2026-03-08T10:00:00+01:00', '2026-03-11T22:59:59.999Z'],
  ])('skip the weekend: 3 business days from a %s', (_, receivedAt, expected) => {
    expect(other(receivedAt)).toBe(expected);
  });

  it('count from the day of receipt in CALUMET_TZ: Sunday 23:30 UTC is Monday in Paris', () => {
    expect(other('2026-03-01T23:30:00Z')).toBe('2026-03-05T22:59:59.999Z');
    expect(other('2026-03-01T23:30:00Z', 'UTC')).toBe('2026-03-04T23:59:59.999Z');
  });

  it('are named in the basis', () => {
    expect(computeDeadline(business, notice({ type: 'other', receivedAt: at('2026-03-02T10:00:00Z') }), PARIS).deadlineBasis).toBe(
      '* other rule: 3 business days from receipt (test rule)',
    );
  });
});

describe(addPeriod.name, () => {
  const day = (iso: string) => DateTime.fromISO(iso, { zone: PARIS });

  it.each([
    ['2026-01-31', 'P1M', '2026-02-28'],
    ['2028-01-31', 'P1M', '2028-02-29'],
    ['2026-01-31', 'P2M', '2026-03-31'],
    ['2026-08-31', 'P1M', '2026-09-30'],
    ['2028-02-29', 'P1Y', '2029-02-28'],
    ['2026-01-10', 'P3M', '2026-04-10'],
    ['2026-12-28', 'P8D', '2027-01-05'],
    ['2026-03-02', 'P2W', '2026-03-16'],
  ])('%s + %s ends on %s', (start, period, end) => {
    expect(addPeriod(day(`${start}T15:00`), period, 'calendar').toISODate()).toBe(end);
  });

  it('refuses a business-day period that is not a number of days', () => {
    expect(() => addPeriod(day('2026-03-02'), 'P1M', 'business')).toThrow('business-day period P1M is not a number of days');
  });
});
