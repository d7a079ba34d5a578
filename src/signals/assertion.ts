import type { Mention, SignalKind } from './lexicon/lexicon.js';
import type { Match } from './patterns.js';
import type { Token } from './tokens.js';

/** For each kind, the ways of being only mentioned that make it no more than a mention, in the order they are looked for. */
const WEAKENED_BY: Record<SignalKind, readonly Mention[]> = {
  legal_threat: ['quoted', 'reported', 'hypothetical', 'question', 'topic'],
  commitment: ['quoted', 'reported', 'hypothetical', 'question', 'topic'],
  apology: ['quoted', 'reported', 'hypothetical', 'question'],
  // Proposing peace is often a question: "on oublie tout ?", "shall we start afresh?"
  de_escalation: ['quoted', 'reported', 'hypothetical'],
  // Insults and accusations are said in questions too: "vous vous moquez de nous ?"
  accusation: ['quoted', 'reported', 'hypothetical', 'topic'],
  hostility: ['quoted', 'reported', 'hypothetical', 'topic'],
  // An offer to talk stands in a question ("on peut s'appeler ?") or a condition ("si vous voulez en discuter").
  contact_offer: ['quoted', 'reported'],
};
/** The conditional mood ("je porterais plainte", "I could take it down") supposes a threat or a promise; it only softens an apology ("I would like to apologise"). */
const MOOD_WEAKENS: ReadonlySet<SignalKind> = new Set(['legal_threat', 'commitment']);
const MOOD_REACH = 3;
const REPORT_SUBJECT_REACH = 3;
const CLAUSE_OPENER_REACH = 2;

/**
 * How the words of each match stand in the text: said, negated, or only
 * mentioned (asked, supposed, reported, quoted, a topic). Cues are matches of
 * the lexicons' cue patterns, read once per text.
 */
export class Assertion {
  /** Negators inside a litotes ("je n'hésiterai pas à"): they assert. */
  private readonly neutral = new Set<number>();
  /** Per token, the condition (1-based) it belongs to, or 0. */
  private readonly protasis: Int32Array;
  private readonly hypotheticalSentences = new Set<number>();
  /** Per sentence, the first token after which words are reported. */
  private readonly reportedFrom = new Map<number, number>();
  /** Per sentence, the tokens that are a topic. */
  private readonly topical = new Set<number>();

  constructor(
    private readonly tokens: readonly Token[],
    matches: readonly Match[],
  ) {
    this.protasis = new Int32Array(tokens.length);
    // A subject just before a signal (or opening it, or with a pronoun between: "nous vous poursuivrons") opens a main clause.
    const subjectStarts = new Set<number>();
    for (const match of matches) {
      if (match.pattern.role !== 'signal') continue;
      for (let k = Math.max(0, match.first - CLAUSE_OPENER_REACH); k <= match.first; k++) {
        if (match.pattern.lexicon.subjects.has(tokens[k]!.word)) subjectStarts.add(k);
      }
    }
    let conditions = 0;
    for (const match of matches) {
      const { role, lexicon } = match.pattern;
      if (role === 'litotes') {
        for (let k = match.first; k < match.last; k++) if (lexicon.negators.has(tokens[k]!.word)) this.neutral.add(k);
      } else if (role === 'conditional') {
        conditions++;
        for (const k of this.scope(match, subjectStarts, true)) if (!this.protasis[k]) this.protasis[k] = conditions;
      } else if (role === 'hypothetical') {
        this.hypotheticalSentences.add(tokens[match.first]!.sentence);
      } else if (role === 'hearsay' || (role === 'report' && !this.spokenBySpeaker(match))) {
        const sentence = tokens[match.first]!.sentence;
        this.reportedFrom.set(sentence, Math.min(this.reportedFrom.get(sentence) ?? Infinity, match.first));
      } else if (role === 'topic') {
        for (const k of this.scope(match, subjectStarts, false)) this.topical.add(k);
      }
    }
  }

  /** 'negated', how the match is only mentioned, or null when it is said. */
  of(match: Match): 'negated' | Mention | null {
    if (this.isNegated(match)) return 'negated';
    const kind = match.pattern.entry!.kind;
    for (const mention of WEAKENED_BY[kind]) if (this.is(mention, match, kind)) return mention;
    return null;
  }

  private is(mention: Mention, match: Match, kind: SignalKind): boolean {
    const first = this.tokens[match.first]!;
    switch (mention) {
      case 'quoted':
        for (let k = match.first; k < match.last; k++) if (!this.tokens[k]!.quoted) return false;
        return true;
      case 'reported':
        return match.first > (this.reportedFrom.get(first.sentence) ?? Infinity);
      case 'hypothetical':
        return this.protasis[match.first] !== 0 || this.hypotheticalSentences.has(first.sentence) || (MOOD_WEAKENS.has(kind) && this.inConditionalMood(match));
      case 'question':
        return first.question;
      case 'topic':
        return this.topical.has(match.first);
    }
  }

  /**
   * A negator shortly before the match, in its clause and not behind a "but":
   * "je n'ai aucune excuse", "I'm not sorry". A negator inside a condition
   * does not reach the main clause ("if you don't, we will sue"), one inside a
   * litotes asserts, and a match holding its own negator ("ne vous en veux
   * pas") owns the "ne" before it.
   */
  private isNegated(match: Match): boolean {
    const { negators, clauseBreakers } = match.pattern.lexicon;
    for (let k = match.first; k < match.last; k++) if (negators.has(this.tokens[k]!.word) && !this.neutral.has(k)) return false;
    const { clause } = this.tokens[match.first]!;
    const window = match.pattern.lexicon.source.negationWindow;
    for (let k = match.first - 1; k >= 0 && k >= match.first - window; k--) {
      const token = this.tokens[k]!;
      if (token.clause !== clause || clauseBreakers.has(token.word)) return false;
      if (negators.has(token.word) && !this.neutral.has(k)) {
        const condition = this.protasis[k]!;
        return condition === 0 || condition === this.protasis[match.first];
      }
    }
    return false;
  }

  private inConditionalMood(match: Match): boolean {
    const { moodWords, source } = match.pattern.lexicon;
    const { endings, minLength } = source.conditionalMood;
    const { clause } = this.tokens[match.first]!;
    for (let k = Math.max(0, match.first - MOOD_REACH); k < match.last; k++) {
      const { word, clause: at } = this.tokens[k]!;
      if (at !== clause) continue;
      if (moodWords.has(word) || (word.length >= minLength && endings.some((ending) => word.endsWith(ending)))) return true;
    }
    return false;
  }

  /** A reporting verb whose subject, just before it, is the speaker: "je vous ai dit que…". */
  private spokenBySpeaker(match: Match): boolean {
    const { firstPerson } = match.pattern.lexicon;
    const { sentence } = this.tokens[match.first]!;
    for (let k = match.first - 1; k >= 0 && k >= match.first - REPORT_SUBJECT_REACH; k--) {
      const token = this.tokens[k]!;
      if (token.sentence !== sentence) break;
      if (firstPerson.has(token.word)) return true;
    }
    return false;
  }

  /**
   * The tokens a cue governs: from the cue to the end of its sentence (its
   * clause for a condition), stopping at a "but" or at a signal that opens
   * with a subject past the cue's own ("si vous ne retirez pas l'article nous
   * porterons plainte").
   */
  private *scope(cue: Match, subjectStarts: ReadonlySet<number>, clauseOnly: boolean): Generator<number> {
    const { sentence, clause } = this.tokens[cue.first]!;
    for (let k = cue.first; k < this.tokens.length; k++) {
      const token = this.tokens[k]!;
      if (token.sentence !== sentence || (clauseOnly && token.clause !== clause)) return;
      if (k >= cue.last && (cue.pattern.lexicon.clauseBreakers.has(token.word) || (k > cue.last && subjectStarts.has(k)))) return;
      yield k;
    }
  }
}
