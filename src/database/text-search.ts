import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** The kinds of rows in the search index (migration 1764720000000-search). */
export type IndexedKind = 'incident' | 'comment' | 'party' | 'notice' | 'post';

/** Which words of a query match as prefixes: all of them (list filters) or the last one, being typed (search). */
export type PrefixRule = 'every' | 'last';

const MAX_TERMS = 16;

/**
 * The words of a query, as the index splits text: runs of letters, digits and
 * combining marks. A run without a letter or digit is no word. Case and
 * accents are left for the database to fold, as it folds the documents.
 */
export function searchTerms(q: string): string[] {
  return q
    .normalize('NFC')
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((term) => /[\p{L}\p{N}]/u.test(term))
    .slice(0, MAX_TERMS);
}

/** An FTS5 query: every word required, each quoted so nothing in it is query syntax. */
export function ftsQuery(terms: string[], prefix: PrefixRule): string {
  return terms.map((term, i) => `"${term}"${prefix === 'every' || i === terms.length - 1 ? '*' : ''}`).join(' ');
}

/**
 * The condition and parameters that match rows of one kind in the index.
 * `d` is the alias of `search_documents`; on SQLite `from` joins the FTS5
 * table it is matched through.
 */
export function indexMatch(postgres: boolean, terms: string[], prefix: PrefixRule): { from: string; where: string; parameters: Record<string, unknown> } {
  return postgres
    ? {
        from: 'search_documents d',
        where: `d.document @@ calumet_search_query(:searchTerms, ${prefix === 'every'})`,
        parameters: { searchTerms: terms.join(' ') },
      }
    : {
        // CROSS JOIN keeps the full-text match as the outer loop: otherwise SQLite walks every document of the kinds asked and matches each one.
        from: 'search_index CROSS JOIN search_documents d ON d.doc_id = search_index.rowid',
        where: 'search_index MATCH :searchTerms',
        parameters: { searchTerms: ftsQuery(terms, prefix) },
      };
}

/**
 * Filters a list to the rows whose indexed text has every word of `q`
 * (case and accents ignored, each word a prefix). A query without a word
 * matches nothing.
 */
export function whereTextMatches<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, idColumn: string, kind: IndexedKind, q: string): void {
  const terms = searchTerms(q);
  if (!terms.length) {
    qb.andWhere('1 = 0');
    return;
  }
  const match = indexMatch(qb.connection.options.type === 'postgres', terms, 'every');
  qb.andWhere(`${idColumn} IN (SELECT d.id FROM ${match.from} WHERE ${match.where} AND d.kind = :searchKind)`, { ...match.parameters, searchKind: kind });
}

/**
 * Filters a list of incidents to those whose own indexed text, or the text
 * of one of their messages, has every word of `q` (each document on its
 * own, as the search finds them). A query without a word matches nothing.
 */
export function whereIncidentOrMessagesMatch<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, idColumn: string, q: string): void {
  const terms = searchTerms(q);
  if (!terms.length) {
    qb.andWhere('1 = 0');
    return;
  }
  const match = indexMatch(qb.connection.options.type === 'postgres', terms, 'every');
  qb.andWhere(
    `${idColumn} IN (SELECT CASE WHEN d.kind = 'incident' THEN d.id ELSE d.incident_id END FROM ${match.from} WHERE ${match.where} AND d.kind IN ('incident', 'comment'))`,
    match.parameters,
  );
}

/**
 * Drops from SQLite's full-text index the words of rows deleted or changed,
 * inside the caller's unit of work: FTS5 keeps them in its older segments
 * until those are merged, which 'optimize' does at once (an erasure).
 * PostgreSQL's tsvector is a column of the row itself: nothing to merge.
 */
export async function purgeStaleTerms(manager: EntityManager): Promise<void> {
  if (manager.connection.options.type === 'sqlite') await manager.query("INSERT INTO search_index (search_index) VALUES ('optimize')");
}
