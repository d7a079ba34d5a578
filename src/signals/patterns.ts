import type { Lexicon, LexiconEntry } from './lexicon/lexicon.js';
import { tokenize, type Token } from './tokens.js';

interface WordMatcher {
  word: string;
  prefix: boolean;
}
type Element = { gap: number } | { alternatives: WordMatcher[][] };

/** What a pattern is for: a signal, or one of the cues that say how the words around it stand. */
export type PatternRole = 'signal' | 'blocker' | 'litotes' | 'conditional' | 'hypothetical' | 'report' | 'hearsay' | 'topic';

/** The parts of a lexicon every pattern of it reads, compiled once. */
export interface CompiledLexicon {
  source: Lexicon;
  negators: ReadonlySet<string>;
  clauseBreakers: ReadonlySet<string>;
  subjects: ReadonlySet<string>;
  firstPerson: ReadonlySet<string>;
  moodWords: ReadonlySet<string>;
  pastAuxiliaries: ReadonlySet<string>;
}

export interface Pattern {
  role: PatternRole;
  /** The pattern as written: with its lexicon and entry, the rule a signal names. */
  source: string;
  entry?: LexiconEntry;
  blocks?: ReadonlySet<string>;
  lexicon: CompiledLexicon;
  elements: Element[];
  /** Words a gap may not skip: negators, and for a commitment past auxiliaries. */
  stops: ReadonlySet<string>;
  /** Per word element, the first words of its alternatives: a text lacking all of one cannot match. */
  needs: ReadonlyArray<readonly WordMatcher[]>;
}

export interface Match {
  pattern: Pattern;
  first: number;
  /** Exclusive. */
  last: number;
}

export function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  return {
    source: lexicon,
    negators: new Set(lexicon.negators),
    clauseBreakers: new Set(lexicon.clauseBreakers),
    subjects: new Set(lexicon.subjects),
    firstPerson: new Set(lexicon.firstPerson),
    moodWords: new Set(lexicon.conditionalMood.words),
    pastAuxiliaries: new Set(lexicon.pastAuxiliaries),
  };
}

/** Words of a pattern piece, folded and split exactly as a text is. */
function wordsOf(piece: string, source: string): WordMatcher[] {
  const prefix = piece.endsWith('*');
  const words = tokenize((prefix ? piece.slice(0, -1) : piece).replace(/_/g, ' ')).map((token) => ({ word: token.word, prefix: false }));
  if (!words.length) throw new Error(`empty word in pattern "${source}"`);
  if (prefix) {
    const last = words[words.length - 1]!;
    if (last.word.length < 3) throw new Error(`prefix "${piece}" is shorter than 3 letters in "${source}"`);
    last.prefix = true;
  }
  return words;
}

/** The elements of a pattern; throws a message naming the problem for a malformed one. */
export function compilePattern(source: string, lexicon: Pick<Lexicon, 'macros' | 'language'>): Element[] {
  const elements = source
    .trim()
    .split(/\s+/)
    .map((piece): Element => {
      const gap = /^~(\d+)$/.exec(piece);
      if (gap) return { gap: Number(gap[1]) };
      const macro = /^\{(\w+)\}$/.exec(piece);
      const alternatives = macro ? lexicon.macros[macro[1]!]?.map((phrase) => phrase.replace(/\s+/g, '_')) : piece.split('|');
      if (!alternatives) throw new Error(`unknown macro ${piece} in "${source}" (${lexicon.language})`);
      if (alternatives.some((alternative) => !alternative)) throw new Error(`empty alternative in "${source}"`);
      // Longest alternatives first, so "je vous présente" is tried before "je".
      return { alternatives: alternatives.map((alternative) => wordsOf(alternative, source)).sort((a, b) => b.length - a.length) };
    });
  if (!elements.length || 'gap' in elements[0]! || 'gap' in elements[elements.length - 1]!) {
    throw new Error(`pattern "${source}" must start and end with a word`);
  }
  return elements;
}

/**
 * Patterns indexed by their rarest word: for each pattern, the element whose
 * alternatives' longest words are longest, each alternative keyed by its
 * longest word ("m'appeler" by "appeler"). A text wakes only the patterns
 * whose key it holds; each is then checked for every element's words and
 * tried where its first element can start.
 */
export class Matcher {
  private readonly exact = new Map<string, Pattern[]>();
  private readonly byPrefix = new Map<string, Pattern[]>();

  constructor(lexicons: readonly Lexicon[]) {
    for (const source of lexicons) {
      const lexicon = compileLexicon(source);
      const add = (text: string, pattern: Pick<Pattern, 'role' | 'entry' | 'blocks'>) =>
        this.index(withNeeds({ ...pattern, source: text, lexicon, elements: compilePattern(text, source), stops: this.stopsFor(lexicon, pattern.entry) }));
      for (const entry of source.entries) for (const text of entry.patterns) add(text, { role: 'signal', entry });
      for (const blocker of source.blockers) for (const text of blocker.patterns) add(text, { role: 'blocker', blocks: new Set(blocker.kinds) });
      const cues: Array<[PatternRole, readonly string[]]> = [
        ['litotes', source.litotes],
        ['conditional', source.conditionals],
        ['hypothetical', source.hypotheticalCues],
        ['report', source.reportCues],
        ['hearsay', source.hearsayCues],
        ['topic', source.topicCues],
      ];
      for (const [role, texts] of cues) for (const text of texts) add(text, { role });
    }
  }

  private stopsFor(lexicon: CompiledLexicon, entry: LexiconEntry | undefined): ReadonlySet<string> {
    return entry?.kind === 'commitment' ? new Set([...lexicon.negators, ...lexicon.pastAuxiliaries]) : lexicon.negators;
  }

  private index(pattern: Pattern): void {
    const keyed = pattern.elements.flatMap((element) => ('gap' in element ? [] : [element.alternatives.map(keyOf)]));
    const anchor = keyed.reduce((best, keys) => (shortest(keys) > shortest(best) ? keys : best));
    for (const key of anchor) {
      const map = key.prefix ? this.byPrefix : this.exact;
      const id = key.prefix ? key.word.slice(0, 3) : key.word;
      const patterns = map.get(id) ?? [];
      if (!patterns.includes(pattern)) patterns.push(pattern);
      map.set(id, patterns);
    }
  }

  matches(tokens: readonly Token[]): Match[] {
    const text = new TextWords(tokens);
    const woken = new Set<Pattern>();
    for (const { word } of tokens) {
      for (const pattern of this.exact.get(word) ?? []) woken.add(pattern);
      if (word.length >= 3) for (const pattern of this.byPrefix.get(word.slice(0, 3)) ?? []) woken.add(pattern);
    }
    const found: Match[] = [];
    for (const pattern of woken) {
      if (!text.mayHold(pattern)) continue;
      for (const first of text.startsOf(pattern)) {
        const last = matchFrom(pattern, 0, first, tokens, tokens[first]!.sentence);
        if (last >= 0) found.push({ pattern, first, last });
      }
    }
    return found;
  }
}

/** The word an alternative is found by: its longest, the prefix one only as a prefix. */
function keyOf(words: readonly WordMatcher[]): WordMatcher {
  return words.reduce((best, word) => (word.word.length > best.word.length ? word : best));
}
const shortest = (keys: readonly WordMatcher[]) => Math.min(...keys.map((key) => (key.prefix ? 3 : key.word.length)));

function withNeeds(pattern: Omit<Pattern, 'needs'>): Pattern {
  const needs = pattern.elements.flatMap((element) => ('gap' in element ? [] : [element.alternatives.map((words) => words[0]!)]));
  return { ...pattern, needs };
}

/** The words of a text and where they stand, to rule out at once the patterns that need a word it lacks. */
class TextWords {
  private readonly positions = new Map<string, number[]>();
  private readonly prefixPositions = new Map<string, number[]>();

  constructor(tokens: readonly Token[]) {
    tokens.forEach(({ word }, k) => {
      push(this.positions, word, k);
      if (word.length >= 3) push(this.prefixPositions, word.slice(0, 3), k);
    });
  }

  /** False when some element of the pattern has no alternative whose first word is in the text (a prefix is checked on its first three letters). */
  mayHold(pattern: Pattern): boolean {
    return pattern.needs.every((firsts) => firsts.some((first) => (first.prefix ? this.prefixPositions : this.positions).has(first.prefix ? first.word.slice(0, 3) : first.word)));
  }

  /** Where the pattern's first element may start. */
  startsOf(pattern: Pattern): Set<number> {
    const starts = new Set<number>();
    for (const first of pattern.needs[0]!) {
      for (const k of (first.prefix ? this.prefixPositions.get(first.word.slice(0, 3)) : this.positions.get(first.word)) ?? []) starts.add(k);
    }
    return starts;
  }
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The end (exclusive) of the first way the elements from `e` on match from token `at`, or -1. */
function matchFrom(pattern: Pattern, e: number, at: number, tokens: readonly Token[], sentence: number): number {
  if (e === pattern.elements.length) return at;
  const element = pattern.elements[e]!;
  if ('gap' in element) {
    for (let skip = 0; skip <= element.gap; skip++) {
      if (skip > 0) {
        const skipped = tokens[at + skip - 1];
        if (!skipped || skipped.sentence !== sentence || pattern.stops.has(skipped.word)) break;
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
