import { ftsQuery, indexMatch, searchTerms } from './text-search.js';

describe('searchTerms', () => {
  it('splits a query into words the way the index splits text', () => {
    expect(searchTerms("  l'avocat de INC-2026-0007, a@b.com ")).toEqual(['l', 'avocat', 'de', 'INC', '2026', '0007', 'a', 'b', 'com']);
  });

  it('keeps accented letters, composed or not, for the database to fold', () => {
    expect(searchTerms('Débutant de\u0301but')).toEqual(['Débutant', 'début']);
  });

  it('finds no word in punctuation, symbols or lone combining marks', () => {
    expect(searchTerms('% * "" \u0301 ™')).toEqual([]);
  });

  it('keeps at most 16 words', () => {
    expect(searchTerms(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '))).toHaveLength(16);
  });
});

describe('ftsQuery', () => {
  it('quotes every word so none is FTS5 syntax, and requires them all', () => {
    expect(ftsQuery(['NEAR', 'OR', 'débu'], 'last')).toBe('"NEAR" "OR" "débu"*');
  });

  it('makes every word a prefix for list filters', () => {
    expect(ftsQuery(['deb', 'eco'], 'every')).toBe('"deb"* "eco"*');
  });
});

describe('indexMatch', () => {
  it('hands PostgreSQL the words and the prefix rule, to fold them as it folds the documents', () => {
    expect(indexMatch(true, ['débu', 'ECOLE'], 'every')).toEqual({
      from: 'search_documents d',
      where: 'd.document @@ calumet_search_query(:searchTerms, true)',
      parameters: { searchTerms: 'débu ECOLE' },
    });
  });

  it('matches SQLite through the FTS5 table', () => {
    expect(indexMatch(false, ['droit', 'rép'], 'last')).toMatchObject({ where: 'search_index MATCH :searchTerms', parameters: { searchTerms: '"droit" "rép"*' } });
  });
});
