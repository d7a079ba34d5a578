import type { MessageKey } from '../i18n/en.js';
import type { Translator } from '../i18n/i18n.js';
import type { LetterValues } from './letter-fill.js';
import type { RefusalGround } from './letter-kinds.js';

/** What a letter is filled from: the notice, its parties and content, the letterhead, who signs, when, and the options of the letter. */
export interface LetterFacts {
  notice: {
    ref: string;
    receivedAt: Date | string | null;
    sentAt: Date | string | null;
    summary: string | null;
    requestedReply: string | null;
    demands: ReadonlyArray<{ description: string; targetUrl: string | null }>;
    trackingNumber: string | null;
  };
  incidentRef: string;
  /** The party that sent the notice: the letter's recipient. */
  recipient: { name: string; organisation: string | null; postalAddress: string | null } | null;
  onBehalfOf: { name: string } | null;
  /** The content the notice is about: the first demand's target, else the incident's first post. */
  content: { title: string | null; url: string } | null;
  letterhead: { name: string; address: string };
  signatory: string;
  date: Date;
  grounds: readonly RefusalGround[];
  groundsNote: string | null;
  /** The notice's latest decision (DSA art. 17), when one is recorded: the decision letter's placeholders. */
  decision: {
    kind: string;
    decisionGround: string;
    legalGround: string | null;
    explanation: string | null;
    automatedDetection: boolean;
    automatedDecision: string;
  } | null;
}

/** A date as a letter writes it, in its language and CALUMET_TZ: « 3 décembre 2026 », "3 December 2026". */
export function letterDate(value: Date | string, language: string, timeZone: string): string {
  const format = new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone });
  return format.format(typeof value === 'string' ? new Date(value) : value);
}

/**
 * Every placeholder's value for one letter, in the language of `t`. What
 * the record does not hold is filled with a visible "[to be completed]",
 * never left empty, so the person who signs sees what to write; the DSA
 * decision's placeholders are that until a decision is recorded.
 */
export function letterValues(facts: LetterFacts, t: Translator): LetterValues {
  const missing = t.t('letters.toComplete');
  const or = (value: string | null | undefined) => (value?.trim() ? value.trim() : missing);
  const date = (value: Date | string | null) => (value ? letterDate(value, t.locale, t.timeZone) : missing);
  const { notice, recipient } = facts;
  return {
    today: letterDate(facts.date, t.locale, t.timeZone),
    organisationName: or(facts.letterhead.name),
    organisationAddress: or(facts.letterhead.address),
    signatory: or(facts.signatory),
    recipientName: or(recipient ? (recipient.organisation ? `${recipient.name} (${recipient.organisation})` : recipient.name) : null),
    recipientAddress: or(recipient?.postalAddress),
    onBehalfOfName: or(facts.onBehalfOf?.name),
    noticeRef: notice.ref,
    incidentRef: facts.incidentRef,
    noticeReceivedAt: date(notice.receivedAt),
    noticeSentAt: date(notice.sentAt),
    noticeSummary: or(notice.summary),
    noticeTrackingNumber: or(notice.trackingNumber),
    demands: notice.demands.length ? notice.demands.map((demand) => `– ${demand.description}${demand.targetUrl ? ` (${demand.targetUrl})` : ''}`).join('\n') : missing,
    contentTitle: or(facts.content ? (facts.content.title ?? facts.content.url) : null),
    contentUrl: or(facts.content?.url),
    requestedReply: or(notice.requestedReply),
    refusalGrounds: facts.grounds.length ? facts.grounds.map((ground) => `– ${t.t(`letters.groundText.${ground}`)}`).join('\n') : missing,
    refusalNote: facts.groundsNote?.trim() ?? '',
    dsaDecision: facts.decision ? t.t(`decision.kind.${facts.decision.kind}` as MessageKey) : missing,
    dsaDecisionGrounds: facts.decision
      ? [t.t(`decision.ground.${facts.decision.decisionGround}` as MessageKey), facts.decision.legalGround, facts.decision.explanation].filter((part) => part?.trim()).join(' — ')
      : missing,
    dsaAutomatedMeans: facts.decision
      ? t.t('letters.dsaAutomatedMeans', { detection: t.t(facts.decision.automatedDetection ? 'decision.yes' : 'decision.no'), decision: t.t(`decision.automated.${facts.decision.automatedDecision}` as MessageKey) })
      : missing,
  };
}
