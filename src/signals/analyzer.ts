import { en } from './lexicon/en.js';
import { fr } from './lexicon/fr.js';
import type { Lexicon, LexiconEntry, SignalKind, SuggestedCommitment } from './lexicon/lexicon.js';
import { tokenize, type Token } from './tokens.js';

export interface Signal {
  kind: SignalKind;
  /** The words matched, exactly as written: text.slice(start, end). */
  phrase: string;
  start: number;
  end: number;
  commitmentKind?: SuggestedCommitment;
}

interface WordMatcher {
  word: string;
  prefix: boolean;
}
type Element = { gap: number } | { alternatives: WordMatcher[][] };

interface CompiledLexicon {
  negators: Set<string>;
  negationWindow: number;
  clauseBreakers: Set<string>;
}

interface Pattern {
  role: 'signal' | 'cue' | 'blocker';
  entry?: LexiconEntry;
  blocks?: readonly SignalKind[];
  lexicon: CompiledLexicon;
  elements: Element[];
}

interface Match {
  pattern: Pattern;
  first: number;
  /** Exclusive. */
  last: number;
}

/** Words of a pattern piece, folded and split exactly as a text is. */
function wordsOf(piece: string, source: string): WordMatcher[] {
  const prefix = piece.endsWith('*');
  const words = tokenize((prefix ? piece.slice(0, -1) : piece).replace(/_/g, ' ')).map((token) => ({ word: token.word, prefix: false }));
  if (!words.length) throw new Error(`signals: empty word in pattern "${source}"`);
  if (prefix) {
    const last = words[words.length - 1]!;
    if (last.word.length < 3) throw new Error(`signals: prefix "${piece}" is shorter than 3 letters in "${source}"`);
    last.prefix = true;
  }
  return words;
}

function compilePattern(source: string, lexicon: Lexicon): Element[] {
  const elements = source
    .trim()
    .split(/\s+/)
    .map((piece): Element => {
      const gap = /^~(\d+)$/.exec(piece);
      if (gap) return { gap: Number(gap[1]) };
      const macro = /^\{(\w+)\}$/.exec(piece);
      const alternatives = macro ? lexicon.macros[macro[1]!]?.map((phrase) => phrase.replace(/\s+/g, '_')) : piece.split('|');
      if (!alternatives) throw new Error(`signals: unknown macro ${piece} in "${source}" (${lexicon.language})`);
      // Longest alternatives first, so "je vous présente" is tried before "je".
      return { alternatives: alternatives.map((alternative) => wordsOf(alternative, source)).sort((a, b) => b.length - a.length) };
    });
  if (!elements.length || 'gap' in elements[0]! || 'gap' in elements[elements.length - 1]!) {
    throw new Error(`signals: pattern "${source}" must start and end with a word (${lexicon.language})`);
  }
  return elements;
}

/** Every lexicon's patterns, indexed by the first word they need: a text is read once, and only patterns that can start at a word are tried there. */
class Matcher {
  private readonly exact = new Map<string, Set<Pattern>>();
  private readonly byPrefix = new Map<string, Set<Pattern>>();
  readonly agentMarkers = new Set<string>();

  constructor(lexicons: readonly Lexicon[]) {
    for (const lexicon of lexicons) {
      const compiled: CompiledLexicon = {
        negators: new Set(lexicon.negators),
        negationWindow: lexicon.negationWindow,
        clauseBreakers: new Set(lexicon.clauseBreakers),
      };
      for (const marker of lexicon.agentMarkers) this.agentMarkers.add(marker);
      const add = (source: string, pattern: Omit<Pattern, 'elements' | 'lexicon'>) =>
        this.index({ ...pattern, lexicon: compiled, elements: compilePattern(source, lexicon) });
      for (const entry of lexicon.entries) for (const source of entry.patterns) add(source, { role: 'signal', entry });
      for (const source of lexicon.bystanderCues) add(source, { role: 'cue' });
      for (const blocker of lexicon.blockers) for (const source of blocker.patterns) add(source, { role: 'blocker', blocks: blocker.kinds });
    }
  }

  private index(pattern: Pattern): void {
    const first = pattern.elements[0] as { alternatives: WordMatcher[][] };
    for (const [head] of first.alternatives) {
      const map = head!.prefix ? this.byPrefix : this.exact;
      const key = head!.prefix ? head!.word.slice(0, 3) : head!.word;
      const patterns = map.get(key) ?? new Set<Pattern>();
      patterns.add(pattern);
      map.set(key, patterns);
    }
  }

  matches(tokens: Token[]): Match[] {
    const found: Match[] = [];
    for (let first = 0; first < tokens.length; first++) {
      const word = tokens[first]!.word;
      for (const patterns of [this.exact.get(word), this.byPrefix.get(word.slice(0, 3))]) {
        if (!patterns) continue;
        for (const pattern of patterns) {
          const last = matchFrom(pattern, 0, first, tokens, tokens[first]!.sentence);
          if (last >= 0) found.push({ pattern, first, last });
        }
      }
    }
    return found;
  }
}

/** The end (exclusive) of the first way the elements from `e` on match from token `at`, or -1. */
function matchFrom(pattern: Pattern, e: number, at: number, tokens: Token[], sentence: number): number {
  if (e === pattern.elements.length) return at;
  const element = pattern.elements[e]!;
  if ('gap' in element) {
    for (let skip = 0; skip <= element.gap; skip++) {
      if (skip > 0) {
        const skipped = tokens[at + skip - 1];
        if (!skipped || skipped.sentence !== sentence || pattern.lexicon.negators.has(skipped.word)) break;
      }
      const end = matchFrom(pattern, e + 1, at + skip, tokens, sentence);
      if (end >= 0) return end;
    }
    return -1;
  }
  for (const words of element.alternatives) {
    let k = at;
    for (const matcher of words) {
      const token = tokens[k];
      if (!token || token.sentence !== sentence || !(matcher.prefix ? token.word.startsWith(matcher.word) : token.word === matcher.word)) break;
      k++;
    }
    if (k - at === words.length) {
      const end = matchFrom(pattern, e + 1, k, tokens, sentence);
      if (end >= 0) return end;
    }
  }
  return -1;
}

/** A negator shortly before the match, in the same clause and not behind a "but": "je n'ai aucune excuse", "I'm not sorry". */
function isNegated(match: Match, tokens: Token[]): boolean {
  const { negators, negationWindow, clauseBreakers } = match.pattern.lexicon;
  const clause = tokens[match.first]!.clause;
  for (let k = match.first - 1; k >= 0 && k >= match.first - negationWindow; k--) {
    const token = tokens[k]!;
    if (token.clause !== clause || clauseBreakers.has(token.word)) return false;
    if (negators.has(token.word)) return true;
  }
  return false;
}

const overlaps = (a: { first: number; last: number }, b: { first: number; last: number }) => a.first < b.last && b.first < a.last;

const matcher = new Matcher([fr, en]);

/**
 * The signals of a comment (docs/design.md §5), French and English read together:
 * both lexicons run on every text, since one comment often mixes them
 * ("I invoke my droit de réponse"). Each signal points into the original text.
 */
export function analyzeSignals(text: string): Signal[] {
  const tokens = tokenize(text);
  const matches = matcher.matches(tokens);
  const cueClauses = new Set<number>();
  const blockers: Match[] = [];
  const agentSentences = new Set<number>();
  for (const token of tokens) if (matcher.agentMarkers.has(token.word)) agentSentences.add(token.sentence);
  for (const match of matches) {
    if (match.pattern.role === 'cue') cueClauses.add(tokens[match.first]!.clause);
    if (match.pattern.role === 'blocker') blockers.push(match);
  }

  const kept = matches.filter((match) => {
    const entry = match.pattern.entry;
    if (!entry) return false;
    if (isNegated(match, tokens)) return false;
    if (tokens.slice(match.first, match.last).every((token) => token.quoted)) return false;
    if (blockers.some((blocker) => blocker.pattern.blocks!.includes(entry.kind) && overlaps(blocker, match))) return false;
    if (entry.kind === 'legal_threat' && cueClauses.has(tokens[match.first]!.clause)) return false;
    if (entry.needsAgent && !agentSentences.has(tokens[match.first]!.sentence)) return false;
    return true;
  });

  // Of overlapping matches of one kind, the longest says the most.
  kept.sort((a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first);
  const chosen: Match[] = [];
  for (const match of kept) {
    const { kind, commitment } = match.pattern.entry!;
    if (chosen.some((other) => other.pattern.entry!.kind === kind && other.pattern.entry!.commitment === commitment && overlaps(other, match))) continue;
    chosen.push(match);
  }
  chosen.sort((a, b) => a.first - b.first || a.last - b.last);
  return chosen.map(({ pattern, first, last }) => {
    const start = tokens[first]!.start;
    const end = tokens[last - 1]!.end;
    const { kind, commitment } = pattern.entry!;
    return { kind, phrase: text.slice(start, end), start, end, ...(commitment ? { commitmentKind: commitment } : {}) };
  });
}

/** The state the signals point to (docs/design.md §5): a legal threat first, then an apology or de-escalation. Never applied by itself. */
export function suggestedState(signals: readonly Signal[]): 'legal_threat' | 'de_escalating' | undefined {
  if (signals.some((signal) => signal.kind === 'legal_threat')) return 'legal_threat';
  if (signals.some((signal) => signal.kind === 'apology' || signal.kind === 'de_escalation')) return 'de_escalating';
  return undefined;
}
