import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { DataSource, In, type EntityManager } from 'typeorm';
import { actorId, type Actor } from '../common/roles.js';
import { mapPage, paginate, type Page, type PageQuery } from '../common/pagination.js';
import { validateAs } from '../common/validation.js';
import { commentReads } from '../comments/comment-reads.js';
import { AppConfig } from '../config/app-config.js';
import { newId } from '../database/columns.js';
import { TransactionService, type Tx } from '../database/transaction.service.js';
import { fetchProblem, FetchError } from '../fetcher/fetch-error.js';
import { PageFetcher } from '../fetcher/page-fetcher.js';
import type { IncidentHead } from '../incidents/incident-reads.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { noticeReads } from '../legal-notices/notice-reads.js';
import { TimelineService } from '../timeline/timeline.service.js';
import './evidence-events.js';
import { ContentAlteredError, ContentMissingError, EvidenceStore, type ContentCheck, type StagedContent } from './evidence-store.js';
import { EvidenceLinksDto, EvidenceView, type CreateEvidenceDto } from './evidence.dto.js';
import { Evidence, EvidencePart } from './evidence.entity.js';
import { CaptureAlarms } from './capture/capture-alarms.js';
import { zipBundle } from './capture/bundle.js';
import { badRequest, fieldProblem, notFound, refusal, type Problem } from '../common/problem.js';
import { uploadProblems } from '../common/upload-problems.js';
import { notInIncident } from '../database/references.js';
import { IncidentRemoval } from '../incidents/removals.registry.js';
import { inChunks } from '../database/in-list.js';

const OCTET_STREAM = 'application/octet-stream';

type Capture = Pick<Evidence, 'kind' | 'sourceUrl' | 'finalUrl' | 'httpStatus' | 'fileName' | 'contentType'>;

/** A multipart request read: its fields and its file, staged (see EvidenceService.readUpload). */
export interface StagedUpload {
  fields: Record<string, string>;
  file: { staged: StagedContent; capture: Capture } | null;
  discard(): Promise<void>;
}

/** The manifest of a page capture is its content: what `GET /content` answers and what its sha256 hashes. */
export const MANIFEST = { name: 'manifest.json', contentType: 'application/json' };

@Injectable()
export class EvidenceService {
  private readonly logger = new Logger(EvidenceService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly incidents: IncidentsService,
    private readonly timeline: TimelineService,
    private readonly store: EvidenceStore,
    private readonly fetcher: PageFetcher,
    private readonly config: AppConfig,
    private readonly alarms: CaptureAlarms,
  ) {}

  /**
   * The evidence of a removed incident: its rows, immutable while the
   * incident exists, go with the incident row (ON DELETE CASCADE, which the
   * trigger then allows); its bytes, once that commits, unless other evidence
   * holds the same bytes.
   */
  @IncidentRemoval({ key: 'evidence', priority: 70 })
  async removeOfIncident(tx: Tx, incidentId: string): Promise<number> {
    const rows = await tx.manager.find(Evidence, { select: { id: true, sha256: true }, where: { incidentId } });
    const parts = rows.length ? await inChunks(rows.map((row) => row.id), (ids) => tx.manager.find(EvidencePart, { select: { sha256: true }, where: { evidenceId: In(ids) } })) : [];
    const hashes = [...new Set([...rows, ...parts].map((row) => row.sha256))];
    if (hashes.length) tx.afterCommit(() => this.removeUnheld(hashes));
    return rows.length;
  }

  /** Removes the bytes no evidence names any more. */
  private async removeUnheld(hashes: string[]): Promise<void> {
    const manager = this.dataSource.manager;
    for (const sha256 of hashes) {
      if ((await manager.existsBy(Evidence, { sha256 })) || (await manager.existsBy(EvidencePart, { sha256 }))) continue;
      await this.store.remove(sha256);
    }
  }

  /** Text typed in, or a page fetched now (through the guarded fetcher). */
  async create(actor: Actor, incidentId: string, dto: CreateEvidenceDto): Promise<EvidenceView> {
    if (dto.kind === 'text' && dto.url !== undefined) throw badRequest(onlyWith('url', 'url_capture'));
    if (dto.kind !== 'text' && dto.text !== undefined) throw badRequest(onlyWith('text', 'text'));
    await this.incidents.assertExists(incidentId);
    if (dto.kind === 'page_capture') return this.requestCapture(actor, incidentId, dto);
    if (dto.kind === 'text') {
      const capture: Capture = { kind: 'text', sourceUrl: null, finalUrl: null, httpStatus: null, fileName: null, contentType: 'text/plain; charset=utf-8' };
      return this.keep(actor, incidentId, await this.store.stage(Buffer.from(dto.text!, 'utf8')), capture, dto);
    }
    const page = await this.fetcher.fetch(dto.url!, { maxBytes: this.config.maxUploadBytes, timeoutMs: this.config.fetchTimeoutMs }).catch((error: unknown) => {
      if (error instanceof FetchError) throw badRequest(fetchProblem('url', error, `url could not be captured: ${error.message}`));
      throw error;
    });
    const capture: Capture = {
      kind: 'url_capture',
      sourceUrl: dto.url!,
      finalUrl: page.finalUrl,
      httpStatus: page.status,
      fileName: null,
      contentType: (page.contentType ?? OCTET_STREAM).slice(0, 255),
    };
    return this.keep(actor, incidentId, await this.store.stage(page.body), capture, dto);
  }

  /** A multipart upload: the file streams to the store while it is hashed; the fields may come before or after it. */
  async upload(actor: Actor, incidentId: string, request: FastifyRequest): Promise<EvidenceView> {
    await this.incidents.assertExists(incidentId);
    const upload = await this.readUpload(request);
    try {
      return await this.keepUpload(actor, incidentId, upload, await validateAs(EvidenceLinksDto, upload.fields));
    } finally {
      await upload.discard();
    }
  }

  /**
   * Reads a multipart request: its fields, and its one file staged while it
   * is hashed (none when a form's file field was left empty: a part with
   * neither a name nor a byte). The caller discards what was staged.
   */
  async readUpload(request: FastifyRequest): Promise<StagedUpload> {
    const fields: Record<string, string> = {};
    let file: StagedUpload['file'] = null;
    const discard = async () => {
      if (file) await this.store.discard(file.staged);
    };
    try {
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          fields[part.fieldname] = String(part.value);
          continue;
        }
        if (part.fieldname !== 'file' || file) throw uploadProblems.oneFile(part.fieldname);
        const staged = await this.store.stage(part.file);
        if (part.file.truncated) {
          await this.store.discard(staged);
          throw uploadProblems.tooLarge(this.config.maxUploadBytes);
        }
        if (!part.filename && staged.size === 0) {
          await this.store.discard(staged);
          continue;
        }
        const fileName = part.filename ? part.filename.slice(0, 255) : null;
        file = { staged, capture: { kind: 'file', sourceUrl: null, finalUrl: null, httpStatus: null, fileName, contentType: (part.mimetype || OCTET_STREAM).slice(0, 255) } };
      }
    } catch (error) {
      await discard();
      throw error;
    }
    return { fields, file, discard };
  }

  /** Keeps the file of an upload read by readUpload as evidence of the incident; an upload without one is refused (file is required). */
  async keepUpload(actor: Actor, incidentId: string, upload: StagedUpload, links: EvidenceLinksDto): Promise<EvidenceView> {
    if (!upload.file) throw uploadProblems.required();
    return this.keep(actor, incidentId, upload.file.staged, upload.file.capture, links);
  }

  async list(incidentId: string, query: PageQuery): Promise<Page<EvidenceView>> {
    await this.incidents.assertExists(incidentId);
    const qb = this.dataSource.getRepository(Evidence).createQueryBuilder('e').where('e.incidentId = :incidentId', { incidentId });
    const page = await paginate(qb, query, [
      { column: 'e.capturedAt', key: 'capturedAt', order: 'ASC' },
      { column: 'e.id', key: 'id', order: 'ASC' },
    ]);
    const parts = await this.partsOf(this.dataSource.manager, page.items.map((item) => item.id));
    return mapPage(page, (evidence) => EvidenceView.of(evidence, parts.get(evidence.id)));
  }

  /** The evidence of an incident kept for one of its notices, oldest first (the notice's page). */
  async keptFor(incidentId: string, noticeId: string): Promise<EvidenceView[]> {
    const items = await this.dataSource.manager.find(Evidence, { where: { incidentId, linkedNoticeId: noticeId }, order: { capturedAt: 'ASC', id: 'ASC' } });
    const parts = await this.partsOf(this.dataSource.manager, items.map((item) => item.id));
    return items.map((evidence) => EvidenceView.of(evidence, parts.get(evidence.id)));
  }

  /** Every piece of captured evidence of an incident with the state of its bytes, oldest first (the dossier). */
  async ofIncident(manager: EntityManager, incidentId: string): Promise<Array<{ evidence: Evidence; content: ContentCheck }>> {
    const items = await manager.find(Evidence, { where: { incidentId, status: 'captured' }, order: { capturedAt: 'ASC', id: 'ASC' } });
    return Promise.all(items.map(async (evidence) => ({ evidence, content: await this.store.check(evidence.sha256) })));
  }

  async get(id: string): Promise<EvidenceView> {
    const evidence = await this.find(id);
    return EvidenceView.of(evidence, (await this.partsOf(this.dataSource.manager, [id])).get(id));
  }

  /** The parts of a captured page with their bytes, each hashed again: the bundle for counsel. */
  async bundleParts(id: string): Promise<{ evidence: Evidence; parts: Array<{ part: EvidencePart; bytes: Buffer }> }> {
    const evidence = await this.find(id);
    if (evidence.kind !== 'page_capture') {
      throw refusal(HttpStatus.CONFLICT, 'evidence.noBundle', `evidence ${id} is a ${evidence.kind}: only a page capture has a bundle (its bytes are at /content)`, {
        values: { id, kind: evidence.kind },
        words: { kind: 'evidenceKind' },
      });
    }
    if (evidence.status !== 'captured') throw notCaptured(evidence, `evidence ${id} is ${evidence.status}: there is no bundle${evidence.error ? ` (${evidence.error})` : ''}`);
    const parts = (await this.partsOf(this.dataSource.manager, [id])).get(id) ?? [];
    return { evidence, parts: await Promise.all(parts.map(async (part) => ({ part, bytes: await this.read(evidence, part.sha256) }))) };
  }

  /** A page capture as one zip for counsel: every part and the manifest, each hashed again first. */
  async bundle(id: string): Promise<{ evidence: Evidence; zip: Buffer }> {
    const { evidence, parts } = await this.bundleParts(id);
    return { evidence, zip: await zipBundle(evidence.capturedAt, parts.map(({ part, bytes }) => ({ name: part.name, bytes }))) };
  }

  /** The bytes, hashed again first: content that no longer matches its hash is an error, never served. */
  async content(id: string): Promise<{ evidence: Evidence; bytes: Buffer }> {
    const evidence = await this.find(id);
    if (evidence.status !== 'captured') throw notCaptured(evidence, `evidence ${id} is ${evidence.status}: it has no content${evidence.error ? ` (${evidence.error})` : ''}`);
    return { evidence, bytes: await this.read(evidence, evidence.sha256) };
  }

  private async read(evidence: Evidence, sha256: string): Promise<Buffer> {
    const id = evidence.id;
    try {
      return await this.store.read(sha256);
    } catch (error) {
      if (error instanceof ContentAlteredError) {
        this.logger.error(`evidence ${id} of incident ${evidence.incidentId}: ${error.message}`);
        throw refusal(HttpStatus.INTERNAL_SERVER_ERROR, 'evidence.altered', `evidence ${id}: content does not match its recorded hash`, { values: { id } });
      }
      if (error instanceof ContentMissingError) {
        this.logger.error(`evidence ${id} of incident ${evidence.incidentId}: content ${sha256} is missing from the store`);
        throw refusal(HttpStatus.INTERNAL_SERVER_ERROR, 'evidence.missing', `evidence ${id}: content is missing from the evidence store`, { values: { id } });
      }
      throw error;
    }
  }

  async partsOf(manager: EntityManager, ids: string[]): Promise<Map<string, EvidencePart[]>> {
    const map = new Map<string, EvidencePart[]>();
    if (!ids.length) return map;
    for (const part of await manager.find(EvidencePart, { where: { evidenceId: In(ids) }, order: { position: 'ASC' } })) {
      map.set(part.evidenceId, [...(map.get(part.evidenceId) ?? []), part]);
    }
    return map;
  }

  /**
   * A browser capture, asked for now and made by the worker: the URL is
   * checked against the address policy first (a refused address is a 400),
   * then the row is written pending and its job armed after the commit.
   */
  private async requestCapture(actor: Actor, incidentId: string, dto: CreateEvidenceDto): Promise<EvidenceView> {
    await this.fetcher.assertFetchable(dto.url!).catch((error: unknown) => {
      if (error instanceof FetchError) throw badRequest(fetchProblem('url', error, `url cannot be captured: ${error.message}`));
      throw error;
    });
    return this.transactions.run(async (tx) => {
      const incident = await this.incidents.find(tx.manager, incidentId);
      await this.assertLinks(tx.manager, incident, dto);
      const evidence: Evidence = {
        id: newId(),
        incidentId,
        kind: 'page_capture',
        sourceUrl: dto.url!,
        finalUrl: null,
        httpStatus: null,
        fileName: MANIFEST.name,
        contentType: MANIFEST.contentType,
        size: 0,
        sha256: '',
        note: dto.note ?? null,
        linkedCommentId: dto.linkedCommentId ?? null,
        linkedNoticeId: dto.linkedNoticeId ?? null,
        capturedBy: actorId(actor),
        capturedAt: new Date(),
        status: 'pending',
        error: null,
      };
      await tx.manager.insert(Evidence, evidence);
      await this.timeline.append(tx, incidentId, actor, 'evidence.capture_requested', { evidenceId: evidence.id, sourceUrl: evidence.sourceUrl! });
      this.alarms.armAfterCommit(tx, evidence.id);
      return EvidenceView.of(evidence, []);
    });
  }

  async find(id: string): Promise<Evidence> {
    const evidence = await this.dataSource.manager.findOneBy(Evidence, { id });
    if (!evidence) throw notFound('evidence', id);
    return evidence;
  }

  /**
   * Records the evidence and its timeline event. The bytes go into the store
   * first, before any row says they exist: on SQLite a reader shares the one
   * connection and may see the row before its unit commits, so the bytes
   * must already be there. If the unit then fails, the stored bytes stay,
   * unreferenced, under their hash (harmless, and maybe shared).
   */
  private async keep(actor: Actor, incidentId: string, staged: StagedContent, capture: Capture, links: EvidenceLinksDto): Promise<EvidenceView> {
    try {
      await this.store.commit(staged);
      return await this.transactions.run(async (tx) => {
        const incident = await this.incidents.find(tx.manager, incidentId);
        await this.assertLinks(tx.manager, incident, links);
        const evidence: Evidence = {
          id: newId(),
          incidentId,
          ...capture,
          size: staged.size,
          sha256: staged.sha256,
          note: links.note ?? null,
          linkedCommentId: links.linkedCommentId ?? null,
          linkedNoticeId: links.linkedNoticeId ?? null,
          capturedBy: actorId(actor),
          capturedAt: new Date(),
          status: 'captured',
          error: null,
        };
        await tx.manager.insert(Evidence, evidence);
        await this.timeline.append(tx, incidentId, actor, 'evidence.added', {
          evidenceId: evidence.id,
          kind: evidence.kind,
          sha256: evidence.sha256,
          size: evidence.size,
          contentType: evidence.contentType,
          sourceUrl: evidence.sourceUrl,
          linkedCommentId: evidence.linkedCommentId,
          linkedNoticeId: evidence.linkedNoticeId,
        });
        return EvidenceView.of(evidence);
      });
    } finally {
      await this.store.discard(staged);
    }
  }

  private async assertLinks(manager: EntityManager, incident: Pick<IncidentHead, 'id' | 'ref'>, links: EvidenceLinksDto): Promise<void> {
    const problems: Problem[] = [];
    if (links.linkedCommentId && !(await commentReads.isOf(manager, links.linkedCommentId, incident.id))) {
      problems.push(notInIncident('linkedCommentId', 'comment', incident.ref, `linkedCommentId refers to no comment of incident ${incident.ref}`));
    }
    if (links.linkedNoticeId && !(await noticeReads.isOf(manager, links.linkedNoticeId, incident.id))) {
      problems.push(notInIncident('linkedNoticeId', 'legal_notice', incident.ref, `linkedNoticeId refers to no legal notice of incident ${incident.ref}`));
    }
    if (problems.length) throw badRequest(...problems);
  }
}

const onlyWith = (field: 'url' | 'text', kind: string): Problem =>
  fieldProblem(field, 'field.onlyWith', `${field} goes with kind ${kind}`, { kind }, { kind: 'evidenceKind' });

const notCaptured = (evidence: Evidence, message: string) =>
  refusal(HttpStatus.CONFLICT, 'evidence.notCaptured', message, { values: { id: evidence.id, status: evidence.status }, words: { status: 'evidenceStatus' } });
