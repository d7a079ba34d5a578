import type { MessageKey } from '../i18n/en.js';
import type { Translator } from '../i18n/i18n.js';
import { DECISION_KINDS_TO_STATEMENT, TERRITORIAL_SCOPE_CODES, type DecisionFacts, type RedressRoute } from './statement-of-reasons.js';

/** What a letter reads of a decision (its row, or its view). */
export type LetterDecision = DecisionFacts & { redress: RedressRoute[]; redressDetails: string | null };

/** What a letter says of a decision: the notice's ref and the decision as recorded. */
export interface LetterFacts {
  ref: string;
  decision: LetterDecision;
}

/** One line of the statement: what it is, and what it says. */
export interface LetterLine {
  label: string;
  value: string;
}

const say = (t: Translator, key: string): string => t.t(key as MessageKey);
const yesNo = (t: Translator, value: boolean): string => t.t(value ? 'decision.yes' : 'decision.no');

/** The decision in words: "Removal of the content", or the other restriction named. */
export function decisionWords(t: Translator, decision: Pick<LetterDecision, 'kind' | 'visibilityOther'>): string {
  const kind = say(t, `decision.kind.${decision.kind}`);
  return decision.kind === 'other_restriction' && decision.visibilityOther ? t.t('decision.kindOther', { kind, other: decision.visibilityOther }) : kind;
}

/** The statement of reasons as lines in the reader's language (DSA art. 17(3) a–f), for the letter, the page and the author's mail. */
export function statementLines(t: Translator, { decision }: LetterFacts): LetterLine[] {
  const illegal = decision.decisionGround === 'DECISION_GROUND_ILLEGAL_CONTENT';
  const restricts = DECISION_KINDS_TO_STATEMENT[decision.kind] !== null;
  const scope = decision.territorialScope.length === TERRITORIAL_SCOPE_CODES.length ? t.t('decision.scope.eea') : decision.territorialScope.join(', ');
  const lines: Array<LetterLine | null> = [
    { label: t.t('decision.letter.restriction'), value: decisionWords(t, decision) },
    restricts ? { label: t.t('decision.letter.endDate'), value: decision.endDate ? t.day(decision.endDate) : t.t('decision.letter.indefinite') } : null,
    { label: t.t('decision.letter.facts'), value: decision.decisionFacts },
    { label: t.t('decision.letter.source'), value: say(t, `decision.source.${decision.sourceType}`) },
    { label: t.t('decision.letter.ground'), value: say(t, `decision.ground.${decision.decisionGround}`) },
    illegal
      ? { label: t.t('decision.letter.legalGround'), value: decision.illegalContentLegalGround ?? '' }
      : { label: t.t('decision.letter.termsGround'), value: decision.incompatibleContentGround ?? '' },
    { label: t.t('decision.letter.explanation'), value: (illegal ? decision.illegalContentExplanation : decision.incompatibleContentExplanation) ?? '' },
    !illegal && decision.incompatibleContentIllegal !== null ? { label: t.t('decision.letter.alsoIllegal'), value: yesNo(t, decision.incompatibleContentIllegal) } : null,
    { label: t.t('decision.letter.category'), value: say(t, `decision.category.${decision.category}`) },
    { label: t.t('decision.letter.contentType'), value: t.list(decision.contentType.map((type) => say(t, `decision.contentType.${type}`))) + (decision.contentTypeOther ? ` (${decision.contentTypeOther})` : '') },
    { label: t.t('decision.letter.contentDate'), value: t.day(decision.contentDate) },
    { label: t.t('decision.letter.applicationDate'), value: t.day(decision.applicationDate) },
    { label: t.t('decision.letter.territorialScope'), value: scope },
    { label: t.t('decision.letter.automatedDetection'), value: yesNo(t, decision.automatedDetection) },
    { label: t.t('decision.letter.automatedDecision'), value: say(t, `decision.automated.${decision.automatedDecision}`) },
    { label: t.t('decision.letter.redress'), value: redressWords(t, decision) },
    { label: t.t('decision.letter.puid'), value: decision.puid },
  ];
  return lines.filter((line): line is LetterLine => line !== null);
}

function redressWords(t: Translator, decision: Pick<LetterDecision, 'redress' | 'redressDetails'>): string {
  return [...decision.redress.map((route) => `- ${say(t, `decision.redress.${route}`)}`), decision.redressDetails ?? ''].filter(Boolean).join('\n');
}

/** The mail to the notifier (DSA art. 16(5)-(6)): the decision, its ground and the redress. */
export function notifierMail(t: Translator, facts: LetterFacts): { subject: string; text: string } {
  const { decision } = facts;
  const illegal = decision.decisionGround === 'DECISION_GROUND_ILLEGAL_CONTENT';
  return {
    subject: t.t('decision.mail.notifier.subject', { ref: facts.ref }),
    text: t.t('decision.mail.notifier.text', {
      ref: facts.ref,
      kind: decisionWords(t, decision),
      ground: say(t, `decision.ground.${decision.decisionGround}`),
      explanation: [illegal ? decision.illegalContentLegalGround : decision.incompatibleContentGround, illegal ? decision.illegalContentExplanation : decision.incompatibleContentExplanation].filter(Boolean).join('\n'),
      redress: decision.redress.map((route) => `- ${say(t, `decision.redress.${route}`)}`).join('\n'),
      details: decision.redressDetails ?? '',
    }),
  };
}

/** The mail to the content's author (DSA art. 17): the whole statement of reasons. */
export function authorMail(t: Translator, facts: LetterFacts): { subject: string; text: string } {
  const statement = statementLines(t, facts)
    .map((line) => `${line.label}\n${line.value}`)
    .join('\n\n');
  return { subject: t.t('decision.mail.author.subject', { ref: facts.ref }), text: t.t('decision.mail.author.text', { statement }) };
}
