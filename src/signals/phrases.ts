import { fieldProblem, type Problem } from '../common/problem.js';
import type { LexiconEntry, Lexicon } from './lexicon/lexicon.js';
import { compilePattern } from './patterns.js';
import type { SignalPhrase } from './signal-phrase.entity.js';

type PhraseFields = Pick<SignalPhrase, 'language' | 'kind' | 'commitmentKind' | 'noticeType' | 'phrase'>;

/** What is wrong with a phrase, field by field (none when it can be added). */
export function phraseProblems(phrase: PhraseFields, lexicons: readonly Lexicon[]): Problem[] {
  const problems: Problem[] = [];
  if (phrase.kind === 'commitment' && !phrase.commitmentKind) problems.push(fieldProblem('commitmentKind', 'signals.commitmentKindRequired', 'commitmentKind is required for a commitment'));
  if (phrase.kind !== 'commitment' && phrase.commitmentKind) problems.push(fieldProblem('commitmentKind', 'signals.commitmentKindOnly', 'commitmentKind applies to a commitment only'));
  if (phrase.kind !== 'legal_threat' && phrase.noticeType) problems.push(fieldProblem('noticeType', 'signals.noticeTypeOnly', 'noticeType applies to a legal threat only'));
  const lexicon = lexicons.find((candidate) => candidate.language === phrase.language);
  try {
    if (lexicon) compilePattern(phrase.phrase, lexicon);
  } catch (error) {
    problems.push(fieldProblem('phrase', 'signals.phrasePattern', `phrase is not a pattern the lexicons read: ${(error as Error).message}`));
  }
  return problems;
}

/** The lexicons with the admins' phrases added to their language, each phrase a rule of its own ("phrase <id>"). */
export function lexiconsWith(lexicons: readonly Lexicon[], phrases: readonly SignalPhrase[]): Lexicon[] {
  return lexicons.map((lexicon) => {
    const entries: LexiconEntry[] = phrases
      .filter((phrase) => phrase.language === lexicon.language)
      .map((phrase) => ({
        kind: phrase.kind,
        name: `phrase ${phrase.id}`,
        ...(phrase.commitmentKind ? { commitment: phrase.commitmentKind } : {}),
        ...(phrase.noticeType ? { notice: phrase.noticeType } : {}),
        patterns: [phrase.phrase],
      }));
    return entries.length ? { ...lexicon, entries: [...lexicon.entries, ...entries] } : lexicon;
  });
}
