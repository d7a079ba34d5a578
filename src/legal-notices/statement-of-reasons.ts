import type { DsaCategory } from './dsa-categories.js';

/*
 * A decision on a notice and its statement of reasons (DSA art. 17), in the
 * names and values of the DSA Transparency Database's API: its statement
 * store request's rules (app/Http/Requests/StatementStoreRequest.php) and
 * the enumerations of app/Models/Statement.php and
 * app/Services/EuropeanCountriesService.php, in
 * digital-services-act/transparency-database (commit 69e80a0, June 2026).
 */

/** What Calumet decides, in its own words; each says which restriction of the Transparency Database it is (DECISION_KINDS_TO_STATEMENT). */
export const DECISION_KINDS = [
  'no_action',
  'remove',
  'disable_access',
  'demote',
  'label',
  'age_restrict',
  'restrict_interaction',
  'other_restriction',
  'suspend_account',
  'terminate_account',
] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const DECISION_VISIBILITIES = [
  'DECISION_VISIBILITY_CONTENT_REMOVED',
  'DECISION_VISIBILITY_CONTENT_DISABLED',
  'DECISION_VISIBILITY_CONTENT_DEMOTED',
  'DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED',
  'DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED',
  'DECISION_VISIBILITY_CONTENT_LABELLED',
  'DECISION_VISIBILITY_OTHER',
] as const;
export type DecisionVisibility = (typeof DECISION_VISIBILITIES)[number];

export const DECISION_ACCOUNTS = ['DECISION_ACCOUNT_SUSPENDED', 'DECISION_ACCOUNT_TERMINATED'] as const;
export type DecisionAccount = (typeof DECISION_ACCOUNTS)[number];

/** Which restriction each kind is: a visibility restriction, an account's, or none (no action: no statement of reasons is owed, art. 17(1)). */
export const DECISION_KINDS_TO_STATEMENT: Record<DecisionKind, { decision_visibility: DecisionVisibility } | { decision_account: DecisionAccount } | null> = {
  no_action: null,
  remove: { decision_visibility: 'DECISION_VISIBILITY_CONTENT_REMOVED' },
  disable_access: { decision_visibility: 'DECISION_VISIBILITY_CONTENT_DISABLED' },
  demote: { decision_visibility: 'DECISION_VISIBILITY_CONTENT_DEMOTED' },
  label: { decision_visibility: 'DECISION_VISIBILITY_CONTENT_LABELLED' },
  age_restrict: { decision_visibility: 'DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED' },
  restrict_interaction: { decision_visibility: 'DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED' },
  other_restriction: { decision_visibility: 'DECISION_VISIBILITY_OTHER' },
  suspend_account: { decision_account: 'DECISION_ACCOUNT_SUSPENDED' },
  terminate_account: { decision_account: 'DECISION_ACCOUNT_TERMINATED' },
};

/** The kinds that take the content out of the thread (the comment is marked removed, and checked gone on the live page). */
export const REMOVING_KINDS: readonly DecisionKind[] = ['remove', 'disable_access'];
export const removesContent = (kind: string): boolean => (REMOVING_KINDS as readonly string[]).includes(kind);

export const DECISION_GROUNDS = ['DECISION_GROUND_ILLEGAL_CONTENT', 'DECISION_GROUND_INCOMPATIBLE_CONTENT'] as const;
export type DecisionGround = (typeof DECISION_GROUNDS)[number];

export const CONTENT_TYPES = [
  'CONTENT_TYPE_APP',
  'CONTENT_TYPE_AUDIO',
  'CONTENT_TYPE_IMAGE',
  'CONTENT_TYPE_PRODUCT',
  'CONTENT_TYPE_SYNTHETIC_MEDIA',
  'CONTENT_TYPE_TEXT',
  'CONTENT_TYPE_VIDEO',
  'CONTENT_TYPE_OTHER',
] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

export const SOURCE_TYPES = ['SOURCE_ARTICLE_16', 'SOURCE_TRUSTED_FLAGGER', 'SOURCE_TYPE_OTHER_NOTIFICATION', 'SOURCE_VOLUNTARY'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export const AUTOMATED_DECISIONS = ['AUTOMATED_DECISION_FULLY', 'AUTOMATED_DECISION_PARTIALLY', 'AUTOMATED_DECISION_NOT_AUTOMATED'] as const;
export type AutomatedDecision = (typeof AUTOMATED_DECISIONS)[number];

/** `automated_detection` and `incompatible_content_illegal` are said Yes or No. */
export const YES_NO = ['Yes', 'No'] as const;
export type YesNo = (typeof YES_NO)[number];

/** The Transparency Database's territorial scope: the 27 member states and the three EEA states (EuropeanCountriesService::EUROPEAN_COUNTRY_CODES). */
export const TERRITORIAL_SCOPE_CODES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IS', 'IT', 'LI', 'LT', 'LU', 'LV', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const;

/** The Transparency Database's content languages (EuropeanLanguagesService::ALL_LANGUAGES: ISO 639-1, upper-cased, Greek as EL). */
export const CONTENT_LANGUAGES: ReadonlySet<string> = new Set([
  'AA', 'AB', 'AE', 'AF', 'AK', 'AM', 'AN', 'AR', 'AS', 'AV', 'AY', 'AZ', 'BA', 'BE', 'BG', 'BH', 'BI', 'BM', 'BN', 'BO',
  'BR', 'BS', 'CA', 'CE', 'CH', 'CO', 'CR', 'CS', 'CU', 'CV', 'CY', 'DA', 'DE', 'DV', 'DZ', 'EE', 'EL', 'EN', 'EO', 'ES',
  'ET', 'EU', 'FA', 'FF', 'FI', 'FJ', 'FO', 'FR', 'FY', 'GA', 'GD', 'GL', 'GN', 'GU', 'GV', 'HA', 'HE', 'HI', 'HO', 'HR',
  'HT', 'HU', 'HY', 'HZ', 'IA', 'ID', 'IE', 'IG', 'II', 'IK', 'IO', 'IS', 'IT', 'IU', 'JA', 'JV', 'KA', 'KG', 'KI', 'KJ',
  'KK', 'KL', 'KM', 'KN', 'KO', 'KR', 'KS', 'KU', 'KV', 'KW', 'KY', 'LA', 'LB', 'LG', 'LI', 'LN', 'LO', 'LT', 'LU', 'LV',
  'MG', 'MH', 'MI', 'MK', 'ML', 'MN', 'MR', 'MS', 'MT', 'MY', 'NA', 'NB', 'ND', 'NE', 'NG', 'NL', 'NN', 'NO', 'NR', 'NV',
  'NY', 'OC', 'OJ', 'OM', 'OR', 'OS', 'PA', 'PI', 'PL', 'PS', 'PT', 'QU', 'RM', 'RN', 'RO', 'RU', 'RW', 'SA', 'SC', 'SD',
  'SE', 'SG', 'SI', 'SK', 'SL', 'SM', 'SN', 'SO', 'SQ', 'SR', 'SS', 'ST', 'SU', 'SV', 'SW', 'TA', 'TE', 'TG', 'TH', 'TI',
  'TK', 'TL', 'TN', 'TO', 'TR', 'TS', 'TT', 'TW', 'TY', 'UG', 'UK', 'UR', 'UZ', 'VE', 'VI', 'VO', 'WA', 'WO', 'XH', 'YI',
  'YO', 'ZA', 'ZH', 'ZU',
]);

/** The redress a decision names (art. 17(3)(f)): the internal complaint (art. 20), out-of-court settlement (art. 21), judicial redress. */
export const REDRESS_ROUTES = ['internal_complaint', 'out_of_court_settlement', 'judicial_redress'] as const;
export type RedressRoute = (typeof REDRESS_ROUTES)[number];

/** A decision as recorded, what its statement is made of. */
export interface DecisionFacts {
  kind: DecisionKind;
  visibilityOther: string | null;
  endDate: string | null;
  decisionGround: DecisionGround;
  illegalContentLegalGround: string | null;
  illegalContentExplanation: string | null;
  incompatibleContentGround: string | null;
  incompatibleContentExplanation: string | null;
  incompatibleContentIllegal: boolean | null;
  category: DsaCategory;
  contentType: ContentType[];
  contentTypeOther: string | null;
  contentLanguage: string | null;
  contentDate: string;
  applicationDate: string;
  territorialScope: string[];
  decisionFacts: string;
  sourceType: SourceType;
  automatedDetection: boolean;
  automatedDecision: AutomatedDecision;
  puid: string;
}

/** A statement of reasons in the Transparency Database's JSON (POST /api/v1/statement), fields left out where they do not apply. */
export interface Statement {
  decision_visibility?: DecisionVisibility[];
  decision_visibility_other?: string;
  end_date_visibility_restriction?: string | null;
  decision_account?: DecisionAccount;
  end_date_account_restriction?: string | null;
  decision_ground: DecisionGround;
  illegal_content_legal_ground?: string;
  illegal_content_explanation?: string;
  incompatible_content_ground?: string;
  incompatible_content_explanation?: string;
  incompatible_content_illegal?: YesNo;
  category: DsaCategory;
  content_type: ContentType[];
  content_type_other?: string;
  content_language?: string;
  content_date: string;
  application_date: string;
  territorial_scope: string[];
  decision_facts: string;
  source_type: SourceType;
  automated_detection: YesNo;
  automated_decision: AutomatedDecision;
  puid: string;
}

const yesNo = (value: boolean): YesNo => (value ? 'Yes' : 'No');

/** The statement of reasons of a decision, or null for a decision that restricts nothing (no statement is owed). */
export function statementOf(decision: DecisionFacts): Statement | null {
  const restriction = DECISION_KINDS_TO_STATEMENT[decision.kind];
  if (!restriction) return null;
  const illegal = decision.decisionGround === 'DECISION_GROUND_ILLEGAL_CONTENT';
  return {
    ...('decision_visibility' in restriction
      ? {
          decision_visibility: [restriction.decision_visibility],
          ...(restriction.decision_visibility === 'DECISION_VISIBILITY_OTHER' ? { decision_visibility_other: decision.visibilityOther ?? '' } : {}),
          end_date_visibility_restriction: decision.endDate,
        }
      : { decision_account: restriction.decision_account, end_date_account_restriction: decision.endDate }),
    decision_ground: decision.decisionGround,
    ...(illegal
      ? { illegal_content_legal_ground: decision.illegalContentLegalGround ?? '', illegal_content_explanation: decision.illegalContentExplanation ?? '' }
      : {
          incompatible_content_ground: decision.incompatibleContentGround ?? '',
          incompatible_content_explanation: decision.incompatibleContentExplanation ?? '',
          ...(decision.incompatibleContentIllegal === null ? {} : { incompatible_content_illegal: yesNo(decision.incompatibleContentIllegal) }),
        }),
    category: decision.category,
    content_type: [...decision.contentType],
    ...(decision.contentType.includes('CONTENT_TYPE_OTHER') ? { content_type_other: decision.contentTypeOther ?? '' } : {}),
    ...(decision.contentLanguage ? { content_language: decision.contentLanguage } : {}),
    content_date: decision.contentDate,
    application_date: decision.applicationDate,
    territorial_scope: [...decision.territorialScope],
    decision_facts: decision.decisionFacts,
    source_type: decision.sourceType,
    automated_detection: yesNo(decision.automatedDetection),
    automated_decision: decision.automatedDecision,
    puid: decision.puid,
  };
}

/** The Transparency Database's PUID: letters, digits, `-` and `_`, at most 500 (StatementStoreRequest's `puid` rule). */
export const PUID_PATTERN = /^[a-zA-Z0-9_-]{1,500}$/;

/** A stable id of the content: the comment's id, else the notice's ref; the notice's second and later decisions add `-<n>`, as the database takes a PUID once per platform. */
export function puidOf(content: { commentId: string | null; noticeRef: string }, sequence: number): string {
  const base = (content.commentId ?? content.noticeRef).replace(/[^a-zA-Z0-9_-]/g, '-');
  return sequence > 1 ? `${base}-${sequence}` : base;
}

/** The source of a notice's decision: a DSA notice is an art. 16 notice; other notices are "another type of notification". */
export const sourceTypeOf = (noticeType: string): SourceType => (noticeType === 'dsa_notice' ? 'SOURCE_ARTICLE_16' : 'SOURCE_TYPE_OTHER_NOTIFICATION');
