import { Assertion } from './assertion.js';
import { en } from './lexicon/en.js';
import { fr } from './lexicon/fr.js';
import type { Lexicon, Mention, NoticeSignal, Side, SignalKind, SuggestedCommitment } from './lexicon/lexicon.js';
import { Matcher, type Match } from './patterns.js';
import { tokenize } from './tokens.js';

export interface Signal {
  kind: SignalKind;
  /** The words matched, exactly as written: text.slice(start, end). */
  phrase: string;
  start: number;
  end: number;
  commitmentKind?: SuggestedCommitment;
  /** For a legal threat that names one: the legal notice it points to. */
  noticeType?: NoticeSignal;
  /** Absent when the words are said; else why they are only mentioned (shown, never suggesting anything). */
  mention?: Mention;
  /** The rule that matched: language, kind, and the pattern as the lexicon writes it. */
  rule: string;
}

/** What each side's words can signal (docs/signals.md): our words are never a threat against us, nor a commitment theirs. */
const KINDS_OF_SIDE: Record<Side, ReadonlySet<SignalKind>> = {
  ours: new Set(['commitment', 'apology', 'de_escalation', 'contact_offer']),
  counterpart: new Set(['legal_threat', 'hostility', 'accusation', 'apology', 'de_escalation', 'contact_offer']),
  bystander: new Set(['legal_threat', 'hostility', 'accusation', 'apology', 'de_escalation', 'contact_offer']),
};

interface Candidate {
  match: Match;
  kind: SignalKind;
  commitmentKind?: SuggestedCommitment;
  noticeType?: NoticeSignal;
  mention: Mention | null;
  rule: string;
}

const overlaps = (a: { first: number; last: number }, b: { first: number; last: number }) => a.first < b.last && b.first < a.last;
const labelOf = (candidate: Candidate) => `${candidate.kind}:${candidate.commitmentKind ?? candidate.noticeType ?? ''}`;

function ruleOf(match: Match): string {
  const entry = match.pattern.entry!;
  const name = entry.name ?? [entry.kind, entry.commitment ?? entry.notice].filter(Boolean).join('/');
  return `${match.pattern.lexicon.source.language}/${name}: ${match.pattern.source}`;
}

/** The candidate as the side speaking says it: their promise to call is an offer to talk; what a side cannot say, dropped. */
function forSide(candidate: Candidate, side: Side): Candidate | null {
  if (side !== 'ours' && candidate.kind === 'commitment') {
    if (candidate.commitmentKind !== 'call_back') return null;
    return { match: candidate.match, kind: 'contact_offer', mention: candidate.mention, rule: `${candidate.rule} (their promise to call: an offer to talk)` };
  }
  return KINDS_OF_SIDE[side].has(candidate.kind) ? candidate : null;
}

/**
 * Reads signals in French and English together (one comment often mixes
 * them: "I invoke my droit de réponse"), as the side that wrote them says
 * them: a match is dropped when negated, marked as a mention when only asked,
 * supposed, reported, quoted or a topic, and kept when said.
 */
export class Analyzer {
  private readonly matcher: Matcher;

  constructor(lexicons: readonly Lexicon[]) {
    this.matcher = new Matcher(lexicons);
  }

  analyze(text: string, side: Side = 'counterpart'): Signal[] {
    const tokens = tokenize(text);
    const matches = this.matcher.matches(tokens);
    const assertion = new Assertion(tokens, matches);
    const blockers = matches.filter((match) => match.pattern.role === 'blocker');
    const candidates: Candidate[] = [];
    for (const match of matches) {
      const entry = match.pattern.entry;
      if (match.pattern.role !== 'signal' || !entry) continue;
      if (blockers.some((blocker) => blocker.pattern.blocks!.has(entry.kind) && overlaps(blocker, match))) continue;
      const mention = assertion.of(match);
      if (mention === 'negated') continue;
      const candidate = forSide({ match, kind: entry.kind, commitmentKind: entry.commitment, noticeType: entry.notice, mention, rule: ruleOf(match) }, side);
      if (candidate) candidates.push(candidate);
    }

    // Of overlapping matches saying the same thing, what is said beats a mention, then the longest says the most.
    candidates.sort((a, b) => Number(!!a.mention) - Number(!!b.mention) || b.match.last - b.match.first - (a.match.last - a.match.first) || a.match.first - b.match.first);
    const chosen: Candidate[] = [];
    for (const candidate of candidates) {
      if (chosen.some((other) => labelOf(other) === labelOf(candidate) && overlaps(other.match, candidate.match))) continue;
      chosen.push(candidate);
    }
    chosen.sort((a, b) => a.match.first - b.match.first || a.match.last - b.match.last);
    return chosen.map(({ match, kind, commitmentKind, noticeType, mention, rule }) => {
      const start = tokens[match.first]!.start;
      const end = tokens[match.last - 1]!.end;
      return {
        kind,
        phrase: text.slice(start, end),
        start,
        end,
        ...(commitmentKind ? { commitmentKind } : {}),
        ...(noticeType ? { noticeType } : {}),
        ...(mention ? { mention } : {}),
        rule,
      };
    });
  }
}

/** The built-in lexicons of src/signals/lexicon, without any admin phrase. */
export const BUILT_IN_LEXICONS: readonly Lexicon[] = [fr, en];
let builtIn: Analyzer | undefined;

/**
 * The analyser of the built-in lexicons alone, made when first asked for (its matchers take a few tens of
 * milliseconds to build: not at every process's start, nor twice), then kept.
 */
export function builtInAnalyzer(): Analyzer {
  return (builtIn ??= new Analyzer(BUILT_IN_LEXICONS));
}

/** The signals of a text read with the built-in lexicons, as said by `side` (the other side by default). */
export function analyzeSignals(text: string, side: Side = 'counterpart'): Signal[] {
  return builtInAnalyzer().analyze(text, side);
}

/** Signals that are said, not only mentioned. */
export const isAsserted = (signal: { mention?: string }): boolean => !signal.mention;

/**
 * The state the signals of the other side point to (docs/design.md §3): a
 * legal threat first, then an apology or de-escalation. Our own words and a
 * bystander's suggest nothing; mentions never do. Never applied by itself.
 */
export function suggestedState(signals: readonly Signal[], side: Side = 'counterpart'): 'legal_threat' | 'de_escalating' | undefined {
  if (side !== 'counterpart') return undefined;
  const said = signals.filter(isAsserted);
  if (said.some((signal) => signal.kind === 'legal_threat')) return 'legal_threat';
  if (said.some((signal) => signal.kind === 'apology' || signal.kind === 'de_escalation')) return 'de_escalating';
  return undefined;
}
