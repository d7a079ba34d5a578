import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What one kind of row gives the search index, as SQL over the row alias `r`:
 * `title` and `keywords` weigh more than `body`. `watched` are the columns
 * whose change re-indexes the row.
 */
interface Source {
  kind: string;
  table: string;
  watched: string[];
  incidentId: string;
  title: string;
  keywords: string;
  body: string;
  /** Which index rows go with the row (OLD); by default its own. */
  removes?: string;
}

/** A change elsewhere that re-indexes rows of a source (a party renamed: the comments it wrote). */
interface Dependent {
  table: string;
  watched: string[];
  kind: string;
  /** Which rows `r` of the source to re-index, over NEW. */
  rows: string;
}

function sources(postgres: boolean): Source[] {
  const jsonValues = (column: string) =>
    postgres ? `(SELECT string_agg(value, ' ') FROM json_array_elements_text(${column}::json))` : `(SELECT group_concat(value, ' ') FROM json_each(${column}))`;
  const jsonField = (column: string, field: string) =>
    postgres
      ? `(SELECT string_agg(value ->> '${field}', ' ') FROM json_array_elements(${column}::json))`
      : `(SELECT group_concat(json_extract(value, '$.${field}'), ' ') FROM json_each(${column}))`;
  return [
    {
      kind: 'incident',
      table: 'incidents',
      watched: ['ref', 'title', 'summary', 'tags'],
      incidentId: 'r.id',
      title: 'r.title',
      keywords: `concat_ws(' ', r.ref, ${jsonValues('r.tags')})`,
      body: "coalesce(r.summary, '')",
      // Its comments and notices go with it, whatever the order of the cascade.
      removes: 'incident_id = OLD.id',
    },
    {
      kind: 'comment',
      table: 'comments',
      watched: ['body', 'author_name', 'party_id', 'author_user_id', 'incident_id'],
      incidentId: 'r.incident_id',
      title: "coalesce(r.author_name, (SELECT name FROM parties WHERE id = r.party_id), (SELECT name FROM users WHERE id = r.author_user_id), '')",
      keywords: "''",
      body: 'r.body',
    },
    {
      kind: 'party',
      table: 'parties',
      watched: ['name', 'organisation', 'email', 'notes'],
      incidentId: 'NULL',
      title: 'r.name',
      keywords: "concat_ws(' ', r.organisation, r.email)",
      body: "coalesce(r.notes, '')",
    },
    {
      // Never the privileged notes: search answers every role.
      kind: 'notice',
      table: 'legal_notices',
      watched: ['ref', 'type', 'summary', 'legal_basis', 'demands', 'incident_id'],
      incidentId: 'r.incident_id',
      title: 'r.ref',
      keywords: 'r.type',
      body: `concat_ws(' ', r.summary, r.legal_basis, ${jsonField('r.demands', 'description')})`,
    },
    {
      // Indexed for the posts list's ?q=; /api/search does not answer posts.
      kind: 'post',
      table: 'posts',
      watched: ['url', 'title'],
      incidentId: 'NULL',
      title: "coalesce(r.title, '')",
      keywords: 'r.url',
      body: "''",
    },
  ];
}

const DEPENDENTS: Dependent[] = [
  { table: 'parties', watched: ['name'], kind: 'comment', rows: 'r.party_id = NEW.id' },
  { table: 'users', watched: ['name'], kind: 'comment', rows: 'r.author_user_id = NEW.id' },
];

/** Indexes the rows `r` of the source that `where` selects, replacing what the index held for them. */
const upsert = (source: Source, where: string) => `
  INSERT INTO search_documents (kind, id, incident_id, title, keywords, body)
  SELECT '${source.kind}', r.id, ${source.incidentId}, ${source.title}, ${source.keywords}, ${source.body} FROM ${source.table} r WHERE ${where}
  ON CONFLICT (kind, id) DO UPDATE SET incident_id = excluded.incident_id, title = excluded.title, keywords = excluded.keywords, body = excluded.body`;

const removal = (source: Source) => `DELETE FROM search_documents WHERE ${source.removes ?? `kind = '${source.kind}' AND id = OLD.id`}`;

/**
 * The search index (docs/architecture.md, "Search"): one row per incident,
 * comment, party, legal notice and post in `search_documents`, kept in step
 * by triggers on the source tables, so the transaction that writes a row
 * re-indexes it. SQLite matches through an FTS5 table over it (unicode61,
 * diacritics removed); PostgreSQL through a tsvector column over unaccented
 * text, with a GIN index.
 */
export class Search1764720000000 implements MigrationInterface {
  name = 'Search1764720000000';

  async up(runner: QueryRunner): Promise<void> {
    const postgres = runner.connection.options.type === 'postgres';
    if (postgres) await this.createPostgresIndex(runner);
    else await this.createSqliteIndex(runner);
    const all = sources(postgres);
    for (const source of all) {
      if (postgres) await this.createPostgresTriggers(runner, source);
      else await this.createSqliteTriggers(runner, source);
      await runner.query(upsert(source, 'true'));
    }
    for (const dependent of DEPENDENTS) {
      const source = all.find((item) => item.kind === dependent.kind)!;
      const name = `search_${dependent.table}_${source.table}`;
      if (postgres) {
        await runner.query(`
          CREATE FUNCTION calumet_${name}() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN ${upsert(source, dependent.rows)}; RETURN NEW; END $$`);
        await runner.query(`
          CREATE TRIGGER ${name} AFTER UPDATE OF ${dependent.watched.join(', ')} ON ${dependent.table}
          FOR EACH ROW WHEN (${changed(dependent.watched, 'IS DISTINCT FROM')}) EXECUTE FUNCTION calumet_${name}()`);
      } else {
        await runner.query(`
          CREATE TRIGGER ${name} AFTER UPDATE OF ${dependent.watched.join(', ')} ON ${dependent.table}
          WHEN ${changed(dependent.watched, 'IS NOT')}
          BEGIN ${upsert(source, dependent.rows)}; END`);
      }
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    const postgres = runner.connection.options.type === 'postgres';
    const all = sources(postgres);
    for (const dependent of DEPENDENTS) {
      const name = `search_${dependent.table}_${all.find((item) => item.kind === dependent.kind)!.table}`;
      await runner.query(postgres ? `DROP TRIGGER ${name} ON ${dependent.table}` : `DROP TRIGGER ${name}`);
      if (postgres) await runner.query(`DROP FUNCTION calumet_${name}`);
    }
    for (const { table } of all) {
      if (postgres) {
        await runner.query(`DROP TRIGGER search_${table}_write ON ${table}`);
        await runner.query(`DROP TRIGGER search_${table}_update ON ${table}`);
        await runner.query(`DROP FUNCTION calumet_search_${table}`);
      } else {
        for (const operation of ['insert', 'update', 'delete']) await runner.query(`DROP TRIGGER search_${table}_${operation}`);
      }
    }
    if (postgres) {
      await runner.query('DROP TABLE search_documents');
      await runner.query('DROP FUNCTION calumet_search_query');
      await runner.query('DROP FUNCTION calumet_search_fold');
    } else {
      await runner.query('DROP TABLE search_index');
      await runner.query('DROP TABLE search_documents');
    }
  }

  private async createSqliteIndex(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE search_documents (
        doc_id INTEGER PRIMARY KEY, kind varchar(10) NOT NULL, id varchar(36) NOT NULL, incident_id varchar(36),
        title text NOT NULL, keywords text NOT NULL, body text NOT NULL)`);
    await runner.query('CREATE UNIQUE INDEX uq_search_documents_kind_id ON search_documents (kind, id)');
    await runner.query('CREATE INDEX ix_search_documents_incident ON search_documents (incident_id)');
    await runner.query(`
      CREATE VIRTUAL TABLE search_index USING fts5(
        title, keywords, body, content = 'search_documents', content_rowid = 'doc_id', tokenize = 'unicode61 remove_diacritics 2')`);
    // An external-content FTS5 table is told of each change with the old values, which it needs to unindex them.
    const unindex = "INSERT INTO search_index (search_index, rowid, title, keywords, body) VALUES ('delete', OLD.doc_id, OLD.title, OLD.keywords, OLD.body)";
    const index = 'INSERT INTO search_index (rowid, title, keywords, body) VALUES (NEW.doc_id, NEW.title, NEW.keywords, NEW.body)';
    await runner.query(`CREATE TRIGGER search_documents_insert AFTER INSERT ON search_documents BEGIN ${index}; END`);
    await runner.query(`CREATE TRIGGER search_documents_delete AFTER DELETE ON search_documents BEGIN ${unindex}; END`);
    await runner.query(`CREATE TRIGGER search_documents_update AFTER UPDATE ON search_documents BEGIN ${unindex}; ${index}; END`);
  }

  private async createSqliteTriggers(runner: QueryRunner, source: Source): Promise<void> {
    const { table, watched } = source;
    await runner.query(`CREATE TRIGGER search_${table}_insert AFTER INSERT ON ${table} BEGIN ${upsert(source, 'r.id = NEW.id')}; END`);
    await runner.query(`
      CREATE TRIGGER search_${table}_update AFTER UPDATE OF ${watched.join(', ')} ON ${table} WHEN ${changed(watched, 'IS NOT')}
      BEGIN ${upsert(source, 'r.id = NEW.id')}; END`);
    await runner.query(`CREATE TRIGGER search_${table}_delete AFTER DELETE ON ${table} BEGIN ${removal(source)}; END`);
  }

  private async createPostgresIndex(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public');
    // unaccent() is only STABLE (its dictionary could be swapped); naming the dictionary makes this fold fit for a stored column.
    await runner.query(`
      CREATE FUNCTION calumet_search_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, $1)), '[[:punct:][:space:]]+', ' ', 'g')
      $$`);
    // Words separated by spaces, folded like the documents; every word a prefix, or only the last.
    await runner.query(`
      CREATE FUNCTION calumet_search_query(terms text, every_prefix boolean) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT CASE WHEN folded = '' THEN NULL
          ELSE to_tsquery('simple'::regconfig, regexp_replace(folded, ' ', CASE WHEN every_prefix THEN ':* & ' ELSE ' & ' END, 'g') || ':*') END
        FROM trim(calumet_search_fold(terms)) AS folded
      $$`);
    await runner.query(`
      CREATE TABLE search_documents (
        kind varchar(10) NOT NULL, id varchar(36) NOT NULL, incident_id varchar(36),
        title text NOT NULL, keywords text NOT NULL, body text NOT NULL,
        document tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('simple'::regconfig, calumet_search_fold(title || ' ' || keywords)), 'A')
          || setweight(to_tsvector('simple'::regconfig, calumet_search_fold(body)), 'B')) STORED,
        PRIMARY KEY (kind, id))`);
    await runner.query('CREATE INDEX ix_search_documents_document ON search_documents USING GIN (document)');
    await runner.query('CREATE INDEX ix_search_documents_incident ON search_documents (incident_id)');
  }

  private async createPostgresTriggers(runner: QueryRunner, source: Source): Promise<void> {
    const { table, watched } = source;
    await runner.query(`
      CREATE FUNCTION calumet_search_${table}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN ${removal(source)}; RETURN OLD; END IF;
        ${upsert(source, 'r.id = NEW.id')};
        RETURN NEW;
      END $$`);
    await runner.query(`CREATE TRIGGER search_${table}_write AFTER INSERT OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION calumet_search_${table}()`);
    await runner.query(`
      CREATE TRIGGER search_${table}_update AFTER UPDATE OF ${watched.join(', ')} ON ${table}
      FOR EACH ROW WHEN (${changed(watched, 'IS DISTINCT FROM')}) EXECUTE FUNCTION calumet_search_${table}()`);
  }
}

const changed = (columns: string[], operator: string) => columns.map((column) => `OLD.${column} ${operator} NEW.${column}`).join(' OR ');
