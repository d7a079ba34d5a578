export const SIGNAL_KINDS = ['legal_threat', 'hostility', 'accusation', 'apology', 'de_escalation', 'commitment', 'contact_offer'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export const SUGGESTED_COMMITMENTS = ['noindex', 'remove_content', 'remove_mention', 'publish_reply', 'publish_correction', 'send_message', 'call_back'] as const;
export type SuggestedCommitment = (typeof SUGGESTED_COMMITMENTS)[number];

/** The legal notice a legal threat points to, when its words name one (legal notice types of docs/design.md §2). */
export const NOTICE_SIGNALS = ['right_of_reply', 'trademark_claim', 'bailiff_report', 'formal_notice', 'defamation_claim', 'data_protection_request'] as const;
export type NoticeSignal = (typeof NOTICE_SIGNALS)[number];

/** Who wrote the words: our side, the other side of the incident, or someone else in the thread. */
export const SIDES = ['ours', 'counterpart', 'bystander'] as const;
export type Side = (typeof SIDES)[number];

/**
 * Why words that match are only mentioned, not said: asked, supposed,
 * reported from someone else, quoted, or talked about as a topic.
 */
export const MENTIONS = ['question', 'hypothetical', 'reported', 'quoted', 'topic'] as const;
export type Mention = (typeof MENTIONS)[number];

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Pattern syntax, read by src/signals/patterns.ts. Words are matched folded
 * (case, accents, ligatures) and whole; punctuation between words is ignored
 * except a sentence end. Space-separated elements:
 *   word        one word; `d'huissier` or `e-mail` is two words in a row
 *   word*       a word starting with `word` (at least 3 letters)
 *   a|b c       either alternative (an alternative may be several words joined by `_`: `je_vais|on_va`)
 *   ~N          up to N words of any kind, never a negator nor past a sentence end
 *               (nor, in a commitment, a past auxiliary: "j'ai déjà retiré" is done, not promised)
 *   {name}      the alternatives of `macros[name]`
 */
export interface LexiconEntry {
  kind: SignalKind;
  /** Names the rule in a signal's explanation; by default the kind and its commitment or notice. */
  name?: string;
  commitment?: SuggestedCommitment;
  notice?: NoticeSignal;
  patterns: readonly string[];
}

export interface Lexicon {
  language: Language;
  macros: Readonly<Record<string, readonly string[]>>;
  entries: readonly LexiconEntry[];
  /** Words that cancel a match when they stand shortly before it in the same clause. */
  negators: readonly string[];
  /** How many words before a match are searched for a negator. */
  negationWindow: number;
  /** Words that open a new clause ("but"): a negator before them does not reach past them. */
  clauseBreakers: readonly string[];
  /** Phrases whose negator asserts ("je n'hésiterai pas à", "won't hesitate to"): it negates nothing. */
  litotes: readonly string[];
  /** Words that open a condition ("si vous", "if"): what follows to the end of the clause is supposed, not said. */
  conditionals: readonly string[];
  /** Subject pronouns: a match that starts with one, past the condition's own subject, opens the main clause ("if you don't, we will sue"). */
  subjects: readonly string[];
  /** The speaker: a reporting verb whose subject is one of these reports the speaker's own words. */
  firstPerson: readonly string[];
  /** Words of the conditional mood ("would", "pourrais"), by word and by ending. */
  conditionalMood: { words: readonly string[]; endings: readonly string[]; minLength: number };
  /** Auxiliaries of a past tense: a commitment's gaps do not skip them. */
  pastAuxiliaries: readonly string[];
  /** Phrases that make a whole sentence hypothetical ("à sa place", "if I were"). */
  hypotheticalCues: readonly string[];
  /** Reporting verbs: what follows in the sentence is someone else's words, unless the speaker is their subject. */
  reportCues: readonly string[];
  /** Hearsay ("apparemment", "apparently"): what follows in the sentence is reported, whoever speaks. */
  hearsayCues: readonly string[];
  /** Phrases that make what follows in the clause a topic ("un article sur", "talking about"). */
  topicCues: readonly string[];
  /** Phrases that are not what their words suggest ("sorry, but"): cancel overlapping matches of these kinds. */
  blockers: readonly { kinds: readonly SignalKind[]; patterns: readonly string[] }[];
}
