/**
 * The categories of the EU DSA Transparency Database (`category` of a
 * statement of reasons, DSA art. 24(5)), as its API documentation lists
 * them (https://transparency.dsa.ec.europa.eu/page/api-documentation,
 * statement attributes, version 2 of the schema). Shared by the public
 * notice form (the notifier may name one) and the decisions that answer
 * notices (a statement of reasons must name one). Checked against
 * app/Models/Statement.php `STATEMENT_CATEGORIES` of
 * digital-services-act/transparency-database (commit 69e80a0, June 2026).
 */
export const DSA_STATEMENT_CATEGORIES = [
  'STATEMENT_CATEGORY_ANIMAL_WELFARE',
  'STATEMENT_CATEGORY_CONSUMER_INFORMATION',
  'STATEMENT_CATEGORY_CYBER_VIOLENCE',
  'STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN',
  'STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS',
  'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
  'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
  'STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS',
  'STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE',
  'STATEMENT_CATEGORY_OTHER_VIOLATION_TC',
  'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
  'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
  'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
  'STATEMENT_CATEGORY_SELF_HARM',
  'STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS',
  'STATEMENT_CATEGORY_VIOLENCE',
] as const;
export type DsaStatementCategory = (typeof DSA_STATEMENT_CATEGORIES)[number];
/** The same list under the name decisions use. */
export const DSA_CATEGORIES = DSA_STATEMENT_CATEGORIES;
export type DsaCategory = DsaStatementCategory;

/** A notice that names no category: the Transparency Database's word for it. */
export const NOT_SPECIFIED: DsaStatementCategory = 'STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE';

/**
 * The categories a notifier may choose on the public form: all but "not
 * specified" (said by choosing none) and "other violation of the provider's
 * terms and conditions" (a notice under art. 16 is about illegal content,
 * not about the terms).
 */
export const NOTICE_CATEGORIES = DSA_STATEMENT_CATEGORIES.filter((category) => category !== NOT_SPECIFIED && category !== 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC');
export type NoticeCategory = Exclude<DsaStatementCategory, 'STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE' | 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC'>;

/** The category a statement of reasons names for a notice: the notifier's, else "not specified". */
export const statementCategoryOf = (category: NoticeCategory | null | undefined): DsaStatementCategory => category ?? NOT_SPECIFIED;
