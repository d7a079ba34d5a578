export const SIGNAL_KINDS = ['legal_threat', 'hostility', 'accusation', 'apology', 'de_escalation', 'commitment', 'contact_offer'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export const SUGGESTED_COMMITMENTS = ['noindex', 'remove_content', 'remove_mention', 'publish_reply', 'publish_correction', 'send_message', 'call_back'] as const;
export type SuggestedCommitment = (typeof SUGGESTED_COMMITMENTS)[number];

/**
 * Pattern syntax, read by src/signals/matcher.ts. Words are matched folded
 * (case, accents, ligatures) and whole; punctuation between words is ignored
 * except a sentence end. Space-separated elements:
 *   word        one word; `d'huissier` or `e-mail` is two words in a row
 *   word*       a word starting with `word` (at least 3 letters)
 *   a|b c       either alternative (an alternative may be several words joined by `_`: `je_vais|on_va`)
 *   ~N          up to N words of any kind, never a negator nor past a sentence end
 *   {name}      the alternatives of `macros[name]`
 */
export interface LexiconEntry {
  kind: SignalKind;
  commitment?: SuggestedCommitment;
  /** Only a signal when someone speaks to someone: a first- or second-person word in the same sentence. */
  needsAgent?: boolean;
  patterns: readonly string[];
}

export interface Lexicon {
  language: string;
  macros: Readonly<Record<string, readonly string[]>>;
  entries: readonly LexiconEntry[];
  /** Words that cancel a match when they stand shortly before it in the same clause. */
  negators: readonly string[];
  /** How many words before a match are searched for a negator. */
  negationWindow: number;
  /** Words that open a new clause ("but"): a negator before them does not reach past them. */
  clauseBreakers: readonly string[];
  /** First- and second-person words: someone addressing someone (see needsAgent). */
  agentMarkers: readonly string[];
  /** Someone reporting or discussing, not threatening: cancels legal threats in the same clause. */
  bystanderCues: readonly string[];
  /** Phrases that are not what their words suggest ("sorry, not sorry"): cancel overlapping matches of these kinds. */
  blockers: readonly { kinds: readonly SignalKind[]; patterns: readonly string[] }[];
}
