import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/roles.js';
import type { CommentView } from '../comments/comment.dto.js';
import { CommentsService } from '../comments/comments.service.js';
import { csvOf, type CsvColumn } from '../common/csv.js';
import type { Page } from '../common/pagination.js';
import { refusal } from '../common/problem.js';
import { AppConfig } from '../config/app-config.js';
import type { IncidentView, ListIncidentsQuery } from '../incidents/incident.dto.js';
import { IncidentsService, type DeskListFilters } from '../incidents/incidents.service.js';
import type { LegalNoticeView, ListLegalNoticesQuery } from '../legal-notices/legal-notice.dto.js';
import { LegalNoticesService } from '../legal-notices/legal-notices.service.js';
import { parties } from '../parties/party-reads.js';
import { people } from '../users/people.js';

/** The most rows one file holds: beyond, the export is refused and asks for narrower filters. */
export const CSV_MAX_ROWS = 10_000;
/** Rows read per page of the owner's list. */
const PAGE = 100;

/** A CSV file to download: its name (Content-Disposition) and its text (UTF-8, BOM first). */
export interface CsvFile {
  fileName: string;
  text: string;
}

const tooMany = () => refusal(HttpStatus.BAD_REQUEST, 'export.tooMany', `more than ${CSV_MAX_ROWS} rows match: narrow the filters`, { values: { max: CSV_MAX_ROWS } });

/** Every item of a paged list, page after page, refusing past CSV_MAX_ROWS. */
async function everyPage<T>(read: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    rows.push(...page.items);
    if (rows.length > CSV_MAX_ROWS) throw tooMany();
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

/**
 * CSV exports of the lists people take to a spreadsheet: incidents, legal
 * notices, an incident's thread. Each reads through its owner's list (the
 * same filters, the same views, so what a role may not see is not in the
 * file either) and names people and parties instead of their ids alone.
 * Headers are the API's field names, the same in every language; dates are
 * ISO 8601 in UTC.
 */
@Injectable()
export class ExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly incidents: IncidentsService,
    private readonly notices: LegalNoticesService,
    private readonly comments: CommentsService,
    private readonly config: AppConfig,
  ) {}

  /** The incidents GET /api/incidents lists with these filters, all of them (limit and cursor aside). */
  async incidentList(query: ListIncidentsQuery): Promise<CsvFile> {
    const rows = await everyPage((cursor) => this.incidents.list({ ...query, limit: PAGE, cursor }));
    return this.incidentFile(rows);
  }

  /** The incidents of the desk's list with its filters (several states at once), most recently active first. */
  async incidentDesk(filters: DeskListFilters): Promise<CsvFile> {
    const rows = (await this.incidents.listForDesk(filters, CSV_MAX_ROWS + 1)).map((row) => row.incident);
    if (rows.length > CSV_MAX_ROWS) throw tooMany();
    return this.incidentFile(rows);
  }

  /** The notices GET /api/legal-notices lists with these filters, all of them (limit and cursor aside). */
  async noticeList(actor: Actor, query: ListLegalNoticesQuery): Promise<CsvFile> {
    const rows = await everyPage((cursor) => this.notices.list(actor, { ...query, limit: PAGE, cursor }));
    const manager = this.dataSource.manager;
    const [names, refs, senders] = await Promise.all([
      people.namesOf(manager, rows.flatMap((row) => (row.assigneeId ? [row.assigneeId] : []))),
      this.incidents.refsOf([...new Set(rows.map((row) => row.incidentId))]),
      parties.viewsOf(manager, rows.flatMap((row) => (row.senderPartyId ? [row.senderPartyId] : []))),
    ]);
    const columns: CsvColumn<LegalNoticeView>[] = [
      { header: 'ref', value: (row) => row.ref },
      { header: 'incidentRef', value: (row) => refs.get(row.incidentId) },
      { header: 'type', value: (row) => row.type },
      { header: 'direction', value: (row) => row.direction },
      { header: 'status', value: (row) => row.status },
      { header: 'sender', value: (row) => (row.senderPartyId ? senders.get(row.senderPartyId)?.name : null) },
      { header: 'receivedVia', value: (row) => row.receivedVia },
      { header: 'receivedAt', value: (row) => row.receivedAt },
      { header: 'jurisdiction', value: (row) => row.jurisdiction },
      { header: 'respondBy', value: (row) => row.respondBy },
      { header: 'deadlineBasis', value: (row) => row.deadlineBasis },
      { header: 'assignee', value: (row) => (row.assigneeId ? names.get(row.assigneeId) : null) },
      { header: 'actionTaken', value: (row) => row.actionTaken },
      { header: 'summary', value: (row) => row.summary },
      { header: 'id', value: (row) => row.id },
      { header: 'incidentId', value: (row) => row.incidentId },
    ];
    return { fileName: `legal-notices-${this.today()}.csv`, text: csvOf(columns, rows) };
  }

  /** An incident's thread, oldest first: each message with its author, direction, times, parent and body. */
  async thread(incidentId: string): Promise<CsvFile> {
    const rows = await everyPage((cursor) => this.comments.list(incidentId, { limit: PAGE, cursor }));
    const manager = this.dataSource.manager;
    const [refs, names, senders] = await Promise.all([
      this.incidents.refsOf([incidentId]),
      people.namesOf(manager, rows.flatMap((row) => (row.authorUserId ? [row.authorUserId] : []))),
      parties.viewsOf(manager, rows.flatMap((row) => (row.partyId ? [row.partyId] : []))),
    ]);
    const author = (row: CommentView) => row.authorName ?? (row.authorUserId ? names.get(row.authorUserId) : undefined) ?? (row.partyId ? senders.get(row.partyId)?.name : undefined);
    const columns: CsvColumn<CommentView>[] = [
      { header: 'id', value: (row) => row.id },
      { header: 'parentId', value: (row) => row.parentId },
      { header: 'direction', value: (row) => row.direction },
      { header: 'channel', value: (row) => row.channel },
      { header: 'author', value: author },
      { header: 'party', value: (row) => (row.partyId ? senders.get(row.partyId)?.name : null) },
      { header: 'postedAt', value: (row) => row.postedAt },
      { header: 'recordedAt', value: (row) => row.createdAt },
      { header: 'updatedAt', value: (row) => row.updatedAt },
      { header: 'status', value: (row) => row.status },
      { header: 'needsResponse', value: (row) => row.needsResponse },
      { header: 'respondedById', value: (row) => row.respondedById },
      { header: 'url', value: (row) => row.url },
      { header: 'body', value: (row) => row.body },
    ];
    return { fileName: `${refs.get(incidentId) ?? incidentId}-thread.csv`, text: csvOf(columns, rows) };
  }

  private async incidentFile(rows: IncidentView[]): Promise<CsvFile> {
    const manager = this.dataSource.manager;
    const [names, counterparts] = await Promise.all([
      people.namesOf(manager, rows.flatMap((row) => [row.ownerId, row.backupOwnerId].filter((id): id is string => id !== null))),
      parties.viewsOf(manager, rows.flatMap((row) => (row.counterpartId ? [row.counterpartId] : []))),
    ]);
    const nameOf = (id: string | null) => (id ? names.get(id) : null);
    const columns: CsvColumn<IncidentView>[] = [
      { header: 'ref', value: (row) => row.ref },
      { header: 'title', value: (row) => row.title },
      { header: 'state', value: (row) => row.state },
      { header: 'severity', value: (row) => row.severity },
      { header: 'owner', value: (row) => nameOf(row.ownerId) },
      { header: 'backupOwner', value: (row) => nameOf(row.backupOwnerId) },
      { header: 'counterpart', value: (row) => (row.counterpartId ? counterparts.get(row.counterpartId)?.name : null) },
      { header: 'tags', value: (row) => row.tags.join(', ') },
      { header: 'legalHold', value: (row) => row.legalHold.on },
      { header: 'openedAt', value: (row) => row.openedAt },
      { header: 'stateChangedAt', value: (row) => row.stateChangedAt },
      { header: 'resolvedAt', value: (row) => row.resolvedAt },
      { header: 'closedAt', value: (row) => row.closedAt },
      { header: 'resolution', value: (row) => row.resolution },
      { header: 'summary', value: (row) => row.summary },
      { header: 'id', value: (row) => row.id },
    ];
    return { fileName: `incidents-${this.today()}.csv`, text: csvOf(columns, rows) };
  }

  /** Today in CALUMET_TZ, for file names. */
  private today(): string {
    return DateTime.now().setZone(this.config.timeZone).toISODate()!;
  }
}
