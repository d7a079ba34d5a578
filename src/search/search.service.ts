import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor, invalidCursor, type Page } from '../common/pagination.js';
import { indexMatch, searchTerms } from '../database/text-search.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { SEARCH_TYPES, type SearchHit, type SearchQuery, type SearchType } from './search.dto.js';
import { snippet } from './snippet.js';

interface Row {
  kind: SearchType;
  id: string;
  incidentId: string | null;
  incidentRef: string | null;
  title: string;
  keywords: string;
  body: string;
  score: number | string;
}

/** Weights of the indexed columns (title, keywords, body) for SQLite's bm25; PostgreSQL weighs A (title, keywords) over B (body) alike. */
const BM25 = 'bm25(search_index, 2.5, 2.5, 1.0)';

@Injectable()
export class SearchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly incidents: IncidentsService,
  ) {}

  /** Incidents, comments, parties and legal notices holding every word of q, best first; privileged notes are never indexed. */
  async search(query: SearchQuery): Promise<Page<SearchHit>> {
    if (query.incidentId) await this.incidents.assertExists(query.incidentId);
    const terms = searchTerms(query.q);
    const limit = query.limit ?? 20;
    const offset = query.cursor ? decodeOffset(query.cursor) : 0;
    const postgres = this.dataSource.options.type === 'postgres';
    const match = indexMatch(postgres, terms, 'last');
    const score = postgres ? 'ts_rank(d.document, calumet_search_query(:searchTerms, false), 1)' : `-${BM25}`;
    // Every match is ranked, but only the page's rows are read whole and joined to their incident: the sort carries ids and scores, not bodies.
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(
      `WITH ranked AS (
         SELECT ${postgres ? '' : 'd.doc_id AS doc, '}d.kind AS kind, d.id AS id, ${score} AS score
         FROM ${match.from}
         WHERE ${match.where} AND d.kind IN (:...kinds)${query.incidentId ? ' AND d.incident_id = :incidentId' : ''}
         ORDER BY score DESC, d.kind, d.id
         LIMIT :take OFFSET :skip)
       SELECT r.kind AS kind, r.id AS id, d.incident_id AS "incidentId", i.ref AS "incidentRef",
              d.title AS title, d.keywords AS keywords, d.body AS body, r.score AS score
       FROM ranked r JOIN search_documents d ON ${postgres ? 'd.kind = r.kind AND d.id = r.id' : 'd.doc_id = r.doc'} LEFT JOIN incidents i ON i.id = d.incident_id
       ORDER BY r.score DESC, r.kind, r.id`,
      { ...match.parameters, kinds: query.types ?? [...SEARCH_TYPES], incidentId: query.incidentId, take: limit + 1, skip: offset },
      {},
    );
    const rows = (await this.dataSource.query(sql, parameters)) as Row[];
    return {
      items: rows.slice(0, limit).map((row) => ({
        type: row.kind,
        id: row.id,
        incidentId: row.incidentId,
        incidentRef: row.incidentRef,
        title: row.title,
        snippet: snippet([row.body, row.keywords, row.title], terms, 'last'),
        rank: Number(row.score),
      })),
      nextCursor: rows.length > limit ? encodeCursor([offset + limit]) : null,
    };
  }
}

/** Ranked answers page by position: the cursor holds the offset of the next page. */
function decodeOffset(cursor: string): number {
  const [offset] = decodeCursor(cursor, 1);
  if (!Number.isSafeInteger(offset) || (offset as number) < 0) throw invalidCursor();
  return offset as number;
}
