import { Analyzer, BUILT_IN_LEXICONS } from './analyzer.js';
import { lexiconsWith, phraseProblems } from './phrases.js';
import type { SignalPhrase } from './signal-phrase.entity.js';

const phrase = (fields: Partial<SignalPhrase>): SignalPhrase => ({
  id: 'p1',
  language: 'fr',
  kind: 'legal_threat',
  commitmentKind: null,
  noticeType: null,
  phrase: 'saisir la dgccrf',
  createdBy: 'u1',
  createdAt: new Date(),
  ...fields,
});

describe(lexiconsWith.name, () => {
  it('adds each phrase to its language only, as a rule named after it, read with that language’s negations and mentions', () => {
    const analyzer = new Analyzer(lexiconsWith(BUILT_IN_LEXICONS, [phrase({}), phrase({ id: 'p2', language: 'en', kind: 'hostility', phrase: 'bottom feeder' })]));
    expect(analyzer.analyze('Je vais saisir la DGCCRF.')).toEqual([expect.objectContaining({ kind: 'legal_threat', phrase: 'saisir la DGCCRF', rule: 'fr/phrase p1: saisir la dgccrf' })]);
    expect(analyzer.analyze('Je ne vais pas saisir la DGCCRF.')).toEqual([]);
    expect(analyzer.analyze('Va-t-il saisir la DGCCRF ?')).toEqual([expect.objectContaining({ mention: 'question' })]);
    expect(analyzer.analyze('You bottom feeder.').map((signal) => signal.rule)).toEqual(['en/phrase p2: bottom feeder']);
    // Our own words never threaten us, whatever the phrase.
    expect(analyzer.analyze('Je vais saisir la DGCCRF.', 'ours')).toEqual([]);
  });

  it('carries the commitment or notice a phrase names', () => {
    const analyzer = new Analyzer(lexiconsWith(BUILT_IN_LEXICONS, [phrase({ kind: 'commitment', commitmentKind: 'remove_content', phrase: 'je passe le billet en brouillon' })]));
    expect(analyzer.analyze('Je passe le billet en brouillon ce soir.', 'ours')).toEqual([expect.objectContaining({ kind: 'commitment', commitmentKind: 'remove_content' })]);
  });
});

describe(phraseProblems.name, () => {
  it('names the field of each problem: a commitment without its kind, a notice on another kind, a pattern that does not compile', () => {
    expect(phraseProblems(phrase({}), BUILT_IN_LEXICONS)).toEqual([]);
    expect(phraseProblems(phrase({ kind: 'commitment' }), BUILT_IN_LEXICONS).map((problem) => problem.field)).toEqual(['commitmentKind']);
    expect(phraseProblems(phrase({ kind: 'apology', commitmentKind: 'noindex', noticeType: 'trademark_claim' }), BUILT_IN_LEXICONS).map((problem) => problem.field)).toEqual(['commitmentKind', 'noticeType']);
    expect(phraseProblems(phrase({ phrase: 'vous ~2' }), BUILT_IN_LEXICONS)).toEqual([expect.objectContaining({ field: 'phrase', code: 'signals.phrasePattern' })]);
    expect(phraseProblems(phrase({ phrase: '{nope} avocat' }), BUILT_IN_LEXICONS)).toEqual([expect.objectContaining({ field: 'phrase', message: expect.stringMatching(/unknown macro \{nope\}/) })]);
    expect(phraseProblems(phrase({ phrase: 'ab* avocat' }), BUILT_IN_LEXICONS)).toEqual([expect.objectContaining({ field: 'phrase', message: expect.stringMatching(/shorter than 3 letters/) })]);
  });
});
