import { findTerms, snippet, SNIPPET_LENGTH } from './snippet.js';

describe('snippet', () => {
  it('marks words whatever their case and accents, as written', () => {
    expect(snippet(['Un DÉBUTANT à l’école'], ['debutant', 'Ecole'], 'last')).toBe('Un <mark>DÉBUTANT</mark> à l’<mark>école</mark>');
  });

  it('escapes the text before marking it', () => {
    expect(snippet(['<script>alert("débutant")</script> & co'], ['debutant'], 'last')).toBe(
      '&lt;script&gt;alert(&quot;<mark>débutant</mark>&quot;)&lt;/script&gt; &amp; co',
    );
  });

  it('takes the last word as a beginning, the others as whole words', () => {
    expect(snippet(['droits de réponse: droit de répondre'], ['droit', 'rep'], 'last')).toBe(
      'droits de <mark>réponse</mark>: <mark>droit</mark> de <mark>répondre</mark>',
    );
  });

  it('takes every word as a beginning under the list rule', () => {
    expect(snippet(['droits de réponse'], ['droit', 'rep'], 'every')).toBe('<mark>droits</mark> de <mark>réponse</mark>');
  });

  it('marks a ligature PostgreSQL unaccents', () => {
    expect(findTerms('Le cœur du sujet', ['coeur'], 'last')).toEqual([{ start: 3, end: 7, term: 0 }]);
  });

  it('shows a window around the match of a long text, cut at word boundaries, with ellipses', () => {
    const text = `${'lorem ipsum '.repeat(30)}the huissier came ${'dolor sit '.repeat(30)}`;
    const excerpt = snippet([text], ['huissier'], 'last');
    expect(excerpt).toMatch(/^…(lorem|ipsum) .*the <mark>huissier<\/mark> came .*(dolor|sit)…$/);
    expect(excerpt.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(SNIPPET_LENGTH + 2);
  });

  it('prefers the window showing the most distinct words', () => {
    const text = `constat ${'filler '.repeat(40)}constat du huissier ${'filler '.repeat(40)}`;
    expect(snippet([text], ['constat', 'huissier'], 'last')).toContain('<mark>constat</mark> du <mark>huissier</mark>');
  });

  it('falls back to the next text when the first holds no match, and to the start of the first when none does', () => {
    expect(snippet(['a body', 'INC-2026-0007 trademark', 'Title'], ['trademark'], 'last')).toBe('INC-2026-0007 <mark>trademark</mark>');
    expect(snippet(['', 'nothing here'], ['absent'], 'last')).toBe('nothing here');
  });

  it('folds runs of white space', () => {
    expect(snippet(['one\n\n  two'], ['two'], 'last')).toBe('one <mark>two</mark>');
  });
});
