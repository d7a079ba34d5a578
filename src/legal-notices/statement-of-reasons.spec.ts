import { DSA_CATEGORIES } from './dsa-categories.js';
import { distinctiveExcerpt } from './removal-excerpt.js';
import {
  AUTOMATED_DECISIONS,
  CONTENT_LANGUAGES,
  CONTENT_TYPES,
  DECISION_ACCOUNTS,
  DECISION_GROUNDS,
  DECISION_KINDS,
  DECISION_KINDS_TO_STATEMENT,
  DECISION_VISIBILITIES,
  puidOf,
  PUID_PATTERN,
  SOURCE_TYPES,
  sourceTypeOf,
  statementOf,
  TERRITORIAL_SCOPE_CODES,
  YES_NO,
  type DecisionFacts,
} from './statement-of-reasons.js';

const decision = (fields: Partial<DecisionFacts> = {}): DecisionFacts => ({
  kind: 'remove',
  visibilityOther: null,
  endDate: null,
  decisionGround: 'DECISION_GROUND_ILLEGAL_CONTENT',
  illegalContentLegalGround: 'Loi du 29 juillet 1881, art. 29',
  illegalContentExplanation: 'Defamatory.',
  incompatibleContentGround: null,
  incompatibleContentExplanation: null,
  incompatibleContentIllegal: null,
  category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
  contentType: ['CONTENT_TYPE_TEXT'],
  contentTypeOther: null,
  contentLanguage: 'FR',
  contentDate: '2026-11-20',
  applicationDate: '2026-12-03',
  territorialScope: [...TERRITORIAL_SCOPE_CODES],
  decisionFacts: 'The notice and the comment.',
  sourceType: 'SOURCE_ARTICLE_16',
  automatedDetection: false,
  automatedDecision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
  puid: 'c0ffee-1',
  ...fields,
});

/** Every value of a statement is one of the Transparency Database's (app/Models/Statement.php, StatementStoreRequest.php). */
function expectOnlyTheirValues(statement: Record<string, unknown>): void {
  const among = (values: readonly string[], value: unknown) => expect(values).toContain(value);
  for (const value of (statement['decision_visibility'] as string[] | undefined) ?? []) among(DECISION_VISIBILITIES, value);
  if ('decision_account' in statement) among(DECISION_ACCOUNTS, statement['decision_account']);
  among(DECISION_GROUNDS, statement['decision_ground']);
  among(DSA_CATEGORIES, statement['category']);
  for (const value of statement['content_type'] as string[]) among(CONTENT_TYPES, value);
  for (const value of statement['territorial_scope'] as string[]) among(TERRITORIAL_SCOPE_CODES, value);
  among(SOURCE_TYPES, statement['source_type']);
  among(YES_NO, statement['automated_detection']);
  among(AUTOMATED_DECISIONS, statement['automated_decision']);
  if ('incompatible_content_illegal' in statement) among(YES_NO, statement['incompatible_content_illegal']);
  if ('content_language' in statement) expect(CONTENT_LANGUAGES.has(statement['content_language'] as string)).toBe(true);
  expect(statement['puid']).toMatch(PUID_PATTERN);
  for (const date of ['content_date', 'application_date']) expect(statement[date]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
}

describe('statementOf', () => {
  it('says a removal on illegal content in the Transparency Database’s names', () => {
    expect(statementOf(decision())).toEqual({
      decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
      end_date_visibility_restriction: null,
      decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
      illegal_content_legal_ground: 'Loi du 29 juillet 1881, art. 29',
      illegal_content_explanation: 'Defamatory.',
      category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
      content_type: ['CONTENT_TYPE_TEXT'],
      content_language: 'FR',
      content_date: '2026-11-20',
      application_date: '2026-12-03',
      territorial_scope: [...TERRITORIAL_SCOPE_CODES],
      decision_facts: 'The notice and the comment.',
      source_type: 'SOURCE_ARTICLE_16',
      automated_detection: 'No',
      automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
      puid: 'c0ffee-1',
    });
  });

  it.each(DECISION_KINDS.filter((kind) => kind !== 'no_action'))('maps %s to one restriction of theirs, and only to their values', (kind) => {
    const statement = statementOf(decision({ kind, visibilityOther: kind === 'other_restriction' ? 'Comments closed on the post' : null }))!;
    const restriction = DECISION_KINDS_TO_STATEMENT[kind]!;
    if ('decision_visibility' in restriction) expect(statement.decision_visibility).toEqual([restriction.decision_visibility]);
    else expect(statement.decision_account).toBe(restriction.decision_account);
    expectOnlyTheirValues(statement as unknown as Record<string, unknown>);
  });

  it('maps the kinds the issue names to the values it names', () => {
    expect(DECISION_KINDS_TO_STATEMENT.remove).toEqual({ decision_visibility: 'DECISION_VISIBILITY_CONTENT_REMOVED' });
    expect(DECISION_KINDS_TO_STATEMENT.disable_access).toEqual({ decision_visibility: 'DECISION_VISIBILITY_CONTENT_DISABLED' });
    expect(DECISION_KINDS_TO_STATEMENT.demote).toEqual({ decision_visibility: 'DECISION_VISIBILITY_CONTENT_DEMOTED' });
    expect(DECISION_KINDS_TO_STATEMENT.label).toEqual({ decision_visibility: 'DECISION_VISIBILITY_CONTENT_LABELLED' });
    expect(DECISION_KINDS_TO_STATEMENT.restrict_interaction).toEqual({ decision_visibility: 'DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED' });
    expect(DECISION_KINDS_TO_STATEMENT.suspend_account).toEqual({ decision_account: 'DECISION_ACCOUNT_SUSPENDED' });
  });

  it('owes no statement for a decision that restricts nothing (art. 17(1))', () => {
    expect(statementOf(decision({ kind: 'no_action' }))).toBeNull();
  });

  it('says the other restriction, and only with DECISION_VISIBILITY_OTHER', () => {
    expect(statementOf(decision({ kind: 'other_restriction', visibilityOther: 'Comments closed' }))).toMatchObject({ decision_visibility: ['DECISION_VISIBILITY_OTHER'], decision_visibility_other: 'Comments closed' });
    expect(statementOf(decision({ visibilityOther: 'ignored' }))).not.toHaveProperty('decision_visibility_other');
  });

  it('gives the terms’ ground and its explanation, never the legal one, for incompatible content', () => {
    const statement = statementOf(
      decision({
        decisionGround: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
        illegalContentLegalGround: null,
        illegalContentExplanation: null,
        incompatibleContentGround: 'Clause 3',
        incompatibleContentExplanation: 'No accusations without a source.',
        incompatibleContentIllegal: false,
      }),
    )!;
    expect(statement).toMatchObject({ incompatible_content_ground: 'Clause 3', incompatible_content_explanation: 'No accusations without a source.', incompatible_content_illegal: 'No' });
    expect(statement).not.toHaveProperty('illegal_content_legal_ground');
    expect(statement).not.toHaveProperty('illegal_content_explanation');
  });

  it('gives an account restriction its own end date, and leaves the visibility ones out', () => {
    const statement = statementOf(decision({ kind: 'terminate_account', endDate: '2027-01-01' }))!;
    expect(statement).toMatchObject({ decision_account: 'DECISION_ACCOUNT_TERMINATED', end_date_account_restriction: '2027-01-01' });
    expect(statement).not.toHaveProperty('decision_visibility');
    expect(statement).not.toHaveProperty('end_date_visibility_restriction');
  });

  it('says automated detection Yes or No, and content_type_other only with CONTENT_TYPE_OTHER', () => {
    expect(statementOf(decision({ automatedDetection: true }))!.automated_detection).toBe('Yes');
    expect(statementOf(decision({ contentType: ['CONTENT_TYPE_OTHER'], contentTypeOther: 'A poll' }))).toMatchObject({ content_type_other: 'A poll' });
    expect(statementOf(decision({ contentLanguage: null }))).not.toHaveProperty('content_language');
  });
});

describe('puidOf', () => {
  it('is the comment’s id, else the notice’s ref, with -n from the second decision, within their pattern', () => {
    expect(puidOf({ commentId: '5b0e6c4e-0d6a-4e61-9a3f-0c9a2a1d7e11', noticeRef: 'LN-2026-0001' }, 1)).toBe('5b0e6c4e-0d6a-4e61-9a3f-0c9a2a1d7e11');
    expect(puidOf({ commentId: null, noticeRef: 'LN-2026-0001' }, 1)).toBe('LN-2026-0001');
    expect(puidOf({ commentId: null, noticeRef: 'LN-2026-0001' }, 3)).toBe('LN-2026-0001-3');
    expect(puidOf({ commentId: null, noticeRef: 'LN 2026/1' }, 1)).toMatch(PUID_PATTERN);
  });
});

describe('sourceTypeOf', () => {
  it('is an art. 16 notice for a dsa_notice, another notification otherwise', () => {
    expect(sourceTypeOf('dsa_notice')).toBe('SOURCE_ARTICLE_16');
    expect(sourceTypeOf('defamation_claim')).toBe('SOURCE_TYPE_OTHER_NOTIFICATION');
  });
});

describe('distinctiveExcerpt', () => {
  it('is the longest line, its blanks made one', () => {
    expect(distinctiveExcerpt('Read this.\nSmall Co   sells counterfeit parts\nok')).toBe('Small Co sells counterfeit parts');
  });

  it('is cut at a word under the limit', () => {
    expect(distinctiveExcerpt('alpha beta gamma delta', 14)).toBe('alpha beta');
  });
});
