import { HttpException, HttpStatus, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, open, rename, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { stoppingStep } from '../common/stopping.js';
import { SYSTEM, type Actor } from '../common/roles.js';
import { MAX_BODY, type CreateCommentDto } from '../comments/comment.dto.js';
import { CommentsService } from '../comments/comments.service.js';
import { validateAs } from '../common/validation.js';
import { AppConfig } from '../config/app-config.js';
import { newId } from '../database/columns.js';
import { TransactionService, type Tx } from '../database/transaction.service.js';
import { OPEN_STATES } from '../incidents/escalation.js';
import type { IncidentView } from '../incidents/incident.dto.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { NO_WATCH, type WatchedPost } from '../posts/post.types.js';
import { PostsService } from '../posts/posts.service.js';
import { lockIncidents } from '../reminders/incident-lock.js';
import { RemindersService } from '../reminders/reminders.service.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { people } from '../users/people.js';
import { type ImportSource } from './import-events.js';
import { FileImportFieldsDto, ImportSummaryView, type ImportAddressDto, type ImportView, type ImportWordPressDto, WxrImportFieldsDto } from './import.dto.js';
import { ImportRun, type ImportRequest } from './import-run.entity.js';
import { foldText } from '../common/text-fold.js';
import { PartiesService } from '../parties/parties.service.js';
import type { PartyMatcher } from '../parties/party-matcher.js';
import { isAsserted } from '../signals/analyzer.js';
import { sideOf } from '../signals/sides.js';
import '../parties/party-events.js';
import { WatchAlarms } from './watch-alarms.js';
import { BatchSizes } from './batch-sizes.js';
import { threadOrder, type WpComment, type WpThread } from './wordpress-thread.js';
import { SourceRegistry } from './sources/registry.js';
import { SourceError, type AddressSource, type AddressSourceName, type FileFormat, type FileSource } from './sources/source.js';
import type { Platform } from '../posts/post.types.js';
import './import-events.js';
import { badRequest, fieldProblem, notFound, refusal } from '../common/problem.js';
import { uploadProblems } from '../common/upload-problems.js';

/** A file uploaded and staged on disk (a WXR, a Disqus export, an outbox), with the other fields of its form. */
export interface FileUpload {
  fields: Record<string, string>;
  path: string;
  remove: () => Promise<void>;
}

interface WriteOptions {
  source: ImportSource;
  /** Where the thread is: a new post gets it. */
  platform: Platform;
  /** The URL the user gave, which may differ from WordPress's permalink. */
  postUrl?: string;
  watch?: boolean;
}

export interface StartOptions {
  /** Answer once the import is recorded (its progress at GET /api/imports/:id) instead of once it is done. */
  background?: boolean;
}

/** An import recorded: done, or running on its own. */
export type ImportStarted = ImportView & { importId: string };

interface NewRun {
  id?: string;
  source: ImportSource;
  request: ImportRequest;
  filePath?: string;
}

/** What an import reads of its incident: whom to alert, whose post a new one is. */
type ImportIncident = Pick<IncidentView, 'id' | 'ownerId' | 'backupOwnerId'>;

/** A thread being written: the import's row (or the watch's in-memory one), and what every batch needs. */
interface Job {
  actor: Actor;
  incidentId: string;
  thread: WpThread;
  options: WriteOptions;
  run: ImportRun;
  persist: boolean;
  post: WatchedPost | null;
  outbound: (comment: WpComment) => boolean;
  byOwner: (comment: WpComment) => boolean;
  /** Comments the post's author or the incident's owner answered in the thread. */
  answered: Set<string>;
  /** The authors' parties, kept from one batch to the next (read again when they changed meanwhile). */
  parties: PartyMatcher | null;
}

/** An import resumed this many times without finishing (each time failing, or its process dying) is failed. */
export const MAX_RESUMES = 10;

/** Another process resumed the import (this one's lease ran out): this one stops. */
class ImportTakenOver extends Error {
  constructor(id: string) {
    super(`import ${id} was taken over by another process`);
  }
}

/** A new import, running from its first comment: what differs between them is given, the rest starts at nothing. */
function newImportRun(actor: Actor, incidentId: string, fields: Pick<ImportRun, 'source'> & Partial<Pick<ImportRun, 'id' | 'request' | 'filePath' | 'total' | 'holder' | 'leaseUntil'>>): ImportRun {
  const now = new Date();
  return {
    id: newId(),
    incidentId,
    postId: null,
    status: 'running',
    actor,
    request: {},
    filePath: null,
    total: 0,
    done: 0,
    batches: 0,
    lastExternalId: null,
    totals: { added: 0, updated: 0, deleted: 0, unchanged: 0, signals: 0 },
    reimport: false,
    postLinked: false,
    alerted: [],
    error: null,
    holder: null,
    leaseUntil: now,
    resumes: 0,
    createdAt: now,
    updatedAt: now,
    completedAt: null,
    ...fields,
  };
}

/** An import that is never stored (a watch's sync): its progress only. */
const memoryRun = (actor: Actor, incidentId: string, source: ImportSource): ImportRun => newImportRun(actor, incidentId, { source });

export function importView(run: ImportRun): ImportView {
  return {
    id: run.id,
    incidentId: run.incidentId,
    postId: run.postId,
    source: run.source,
    status: run.status,
    total: run.total,
    done: run.done,
    batches: run.batches,
    lastExternalId: run.lastExternalId,
    ...run.totals,
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    updatedAt: run.updatedAt.toISOString(),
    completedAt: run.completedAt?.toISOString() ?? null,
  };
}

/** The places as people name them (a refusal lists them). */
const PLACE_NAMES: Record<AddressSourceName, string> = { wordpress: 'WordPress', discourse: 'Discourse', mastodon: 'Mastodon', reddit: 'Reddit', youtube: 'YouTube' };

/** The first bytes of a file, as text: enough to tell an XML export from a JSON one. */
async function fileHead(path: string): Promise<string> {
  const file = await open(path);
  try {
    // A WordPress export opens with a long comment (about 1 KiB) before its <rss>.
    const { buffer, bytesRead } = await file.read(Buffer.alloc(8192), 0, 8192, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await file.close();
  }
}

/**
 * A place's refusal as a problem of the request's own field: `fields` maps
 * the adapter's name of a field (url, post…) to the form's, and the message
 * says the form's name where the adapter said its own.
 */
function sourceProblem(error: SourceError, fields: Record<string, string>, upload?: 'file') {
  const field = fields[error.field] ?? error.field;
  const message = error.message.replace(/^(url|postUrl|post|thread)\b/, (name) => fields[name] ?? name);
  // A file's problems are said of the upload first (`file: …`), the thread asked for included.
  return fieldProblem(field, error.code, upload && !message.startsWith('file:') ? `file: ${message}` : message, error.values);
}

/** Moves a staged file where the import keeps it (copied when the two are on different file systems). */
async function keepFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(from, to);
    await rm(from, { force: true });
  }
}

/**
 * Threads from every place into an incident (DESIGN §6): everything is read
 * first (by address or from a file; a malformed one imports nothing), then written
 * through CommentsService in batches of IMPORT_BATCH_SIZE comments, each its
 * own unit of work, idempotently by WordPress comment id. An import is a row
 * (`imports`): its progress, and the cursor of its last batch; one cut short
 * is resumed by a worker once its lease has run out, or by running it again.
 */
@Injectable()
export class ImportsService implements OnModuleDestroy {
  private readonly logger = new Logger(ImportsService.name);
  /** This process, as the holder of an import's lease. */
  private readonly holder = `${hostname()}-${process.pid}-${randomUUID().slice(0, 6)}`;
  private readonly active = new Map<string, Promise<boolean>>();
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly incidents: IncidentsService,
    private readonly comments: CommentsService,
    private readonly reminders: RemindersService,
    private readonly timeline: TimelineService,
    private readonly alarms: WatchAlarms,
    private readonly config: AppConfig,
    private readonly posts: PostsService,
    private readonly parties: PartiesService,
    private readonly sources: SourceRegistry,
  ) {}

  /** A WordPress post's thread, read from the blog's REST API (`POST /api/imports/wordpress`). */
  fromBlog(actor: Actor, dto: ImportWordPressDto, options: StartOptions = {}): Promise<ImportStarted> {
    return this.fromAddress(actor, { incidentId: dto.incidentId, url: dto.postUrl, source: 'wordpress', watch: dto.watch }, options, 'postUrl');
  }

  /**
   * A thread read from its address: the place named, else the one that
   * recognises the address, else WordPress; an address that is none of them
   * is refused on `source`, which asks the person to name the place.
   * `field` is what the form calls the address.
   */
  async fromAddress(actor: Actor, dto: ImportAddressDto, options: StartOptions = {}, field = 'url'): Promise<ImportStarted> {
    await this.incidents.assertExists(dto.incidentId);
    const { source, thread } = await this.readAddress(dto.url, dto.source, field);
    return this.start(actor, dto.incidentId, thread, { source: 'rest', request: { postUrl: dto.url, place: source.name, watch: dto.watch } }, options);
  }

  private async readAddress(url: string, chosen: AddressSourceName | undefined, field: string): Promise<{ source: AddressSource; thread: WpThread }> {
    const named = chosen ? this.sources.named(chosen) : this.sources.recognise(url);
    if (chosen && !named) throw badRequest(fieldProblem('source', 'import.sourceUnavailable', `source: ${chosen} cannot be read here`, { source: chosen }));
    const source = named ?? this.sources.named('wordpress')!;
    try {
      return { source, thread: await source.read(url, this.sources.context) };
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      if (!named && error.code === 'wordpress.noApi') {
        const choices = this.sources.names.map((name) => PLACE_NAMES[name]).join(', ');
        throw badRequest(fieldProblem('source', 'import.unknownSource', `source: which place is ${url}? Name it: ${choices}`, { url, sources: choices }));
      }
      throw badRequest(sourceProblem(error, { url: field, postUrl: field }));
    }
  }

  /** A multipart upload (the API's): staged, then imported; `wxr`: the WordPress endpoint's, whose thread is its `post`. */
  async fromUpload(actor: Actor, request: FastifyRequest, options: StartOptions = {}, form: 'file' | 'wxr' = 'file'): Promise<ImportStarted> {
    const upload = await this.stageFile(request, form === 'wxr' ? 'file, incidentId and post' : 'file, incidentId, format and thread');
    try {
      if (form === 'wxr') return await this.fromWxrFile(actor, await validateAs(WxrImportFieldsDto, upload.fields), upload.path, options);
      return await this.fromFile(actor, await validateAs(FileImportFieldsDto, upload.fields), upload.path, options);
    } finally {
      await upload.remove();
    }
  }

  /**
   * A multipart upload staged on disk (its fields may follow the file):
   * the fields as sent, the file's path, and how to remove it once read.
   */
  async stageFile(request: FastifyRequest, fields = 'file, incidentId, format and thread'): Promise<FileUpload> {
    if (!request.isMultipart()) throw uploadProblems.notMultipart(fields);
    await mkdir(this.config.importsDir, { recursive: true });
    const path = join(this.config.importsDir, `staged-${randomUUID()}`);
    const remove = () => rm(path, { force: true });
    try {
      const fields: Record<string, string> = {};
      let file = false;
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          fields[part.fieldname] = String(part.value);
          continue;
        }
        if (part.fieldname !== 'file' || file) throw uploadProblems.oneFile(part.fieldname);
        await pipeline(part.file, createWriteStream(path));
        if (part.file.truncated) throw uploadProblems.tooLarge(this.config.maxUploadBytes);
        file = true;
      }
      if (!file) throw uploadProblems.required();
      return { fields, path, remove };
    } catch (error) {
      await remove();
      throw error;
    }
  }

  /** One post's comments from a staged WXR file (the WordPress forms). */
  fromWxrFile(actor: Actor, dto: WxrImportFieldsDto, path: string, options: StartOptions = {}): Promise<ImportStarted> {
    return this.fromFile(actor, { incidentId: dto.incidentId, format: 'wxr', thread: dto.post }, path, options, 'post');
  }

  /**
   * One thread from a staged file, in the format named or else the one its
   * first bytes say; a malformed file imports nothing. The file is read
   * whole first, as a stream (its errors are the caller's 400), then kept
   * with the import until it has finished: a resumed import reads it again.
   * `threadField` is what the form calls the thread's name.
   */
  async fromFile(actor: Actor, dto: FileImportFieldsDto, path: string, options: StartOptions = {}, threadField = 'thread'): Promise<ImportStarted> {
    await this.incidents.assertExists(dto.incidentId);
    const format = dto.format ?? this.sources.sniff(await fileHead(path));
    const source = format ? this.sources.file(format) : null;
    if (!format || !source) {
      const formats = this.sources.formats.join(', ');
      throw badRequest(fieldProblem('format', 'import.unknownFormat', `format: which kind of file is this? Name it: ${formats}`, { formats }));
    }
    const thread = await this.readFile(source, path, dto.thread, threadField);
    const id = newId();
    await mkdir(this.config.importsDir, { recursive: true });
    const kept = join(this.config.importsDir, `${id}.${format}`);
    await keepFile(path, kept);
    try {
      return await this.start(actor, dto.incidentId, thread, { id, source: format, request: { post: dto.thread }, filePath: kept }, options);
    } catch (error) {
      if (!(await this.dataSource.getRepository(ImportRun).existsBy({ id }))) await rm(kept, { force: true });
      throw error;
    }
  }

  /** An import as it stands: its progress while it runs, its totals once done. */
  async find(id: string): Promise<ImportView> {
    const run = await this.dataSource.getRepository(ImportRun).findOneBy({ id });
    if (!run) throw notFound('import', id);
    return importView(run);
  }

  /** The import once it has finished, or as it stands after `ms` if it is still running here. */
  async settle(id: string, ms: number): Promise<ImportStarted> {
    const running = this.active.get(id);
    if (running) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([running.catch(() => undefined), new Promise((done) => (timer = setTimeout(done, ms)))]);
      clearTimeout(timer);
    }
    return { importId: id, ...(await this.find(id)) };
  }

  /** The imports of an incident still running, oldest first (the desk's progress lines). */
  async running(incidentId: string): Promise<ImportView[]> {
    const runs = await this.dataSource.getRepository(ImportRun).find({ where: { incidentId, status: 'running' }, order: { createdAt: 'ASC' } });
    return runs.map(importView);
  }

  /**
   * Imports left running by a process that stopped (its lease ran out),
   * finished here one after another. Each batch is written once: the
   * import's cursor moves in the batch's unit of work, and a comment already
   * imported (by its WordPress id) is never added again.
   */
  async resumeStale(): Promise<number> {
    const stale = await this.dataSource
      .getRepository(ImportRun)
      .createQueryBuilder('i')
      .where('i.status = :status', { status: 'running' })
      .orderBy('i.createdAt', 'ASC')
      .getMany();
    let resumed = 0;
    for (const run of stale) {
      if (this.stopping) break;
      if (run.leaseUntil.getTime() > Date.now() || this.active.has(run.id)) continue;
      if (run.resumes >= MAX_RESUMES) {
        await this.finishRun(run.id, { status: 'failed', error: `given up after ${run.resumes} resumptions${run.error ? `: ${run.error}` : ''}`.slice(0, 1000) });
        continue;
      }
      try {
        if (await this.execute(run.id)) resumed += 1;
      } catch (error) {
        const message = (error as Error).message;
        this.logger.error(`import ${run.id} could not be resumed: ${message}`);
        await this.transactions.run(async (tx) => {
          await tx.manager.update(ImportRun, { id: run.id, status: 'running' }, { error: message.slice(0, 1000), leaseUntil: new Date(0) });
        });
      }
    }
    return resumed;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await stoppingStep(() => `imports: stopping at their next batch (${[...this.active.keys()].join(', ')})`, Promise.allSettled([...this.active.values()]));
  }

  /** Records the import, then runs it: to its end for the caller, or on its own (`background`). */
  private async start(actor: Actor, incidentId: string, thread: WpThread, fields: NewRun, options: StartOptions): Promise<ImportStarted> {
    const run = newImportRun(actor, incidentId, {
      ...(fields.id ? { id: fields.id } : {}),
      source: fields.source,
      request: fields.request,
      filePath: fields.filePath ?? null,
      total: thread.comments.length,
      holder: this.holder,
      leaseUntil: new Date(Date.now() + this.config.importLeaseMs),
    });
    await this.transactions.run(async (tx) => {
      await this.incidents.find(tx.manager, incidentId);
      await tx.manager.insert(ImportRun, run);
    });
    if (options.background) {
      void this.execute(run.id, thread).catch((error: unknown) => this.logger.error(`import ${run.id} stopped: ${(error as Error).message}`));
      return { importId: run.id, ...(await this.find(run.id)) };
    }
    await this.execute(run.id, thread);
    return { importId: run.id, ...(await this.find(run.id)) };
  }

  /**
   * Runs an import from its cursor to its end, a batch per unit of work;
   * false if another process holds it. A thread that cannot be read again
   * (the export gone, the blog refusing) fails the import, with the reason.
   */
  private execute(id: string, thread?: WpThread): Promise<boolean> {
    const running = this.runImport(id, thread).finally(() => this.active.delete(id));
    this.active.set(id, running);
    return running;
  }

  private async runImport(id: string, given?: WpThread): Promise<boolean> {
    const run = await this.claim(id);
    if (!run) return false;
    let thread = given;
    if (!thread) {
      try {
        thread = await this.rereadThread(run);
      } catch (error) {
        if (!(error instanceof SourceError || (error as NodeJS.ErrnoException).code === 'ENOENT')) throw error;
        await this.finishRun(id, { status: 'failed', error: (error as Error).message.slice(0, 1000) });
        return true;
      }
    }
    try {
      const platform = run.source === 'rest' ? this.addressSourceOf(run).platform : (this.sources.file(run.source as FileFormat)?.platform ?? 'blog');
      const done = await this.writeThread(run.actor, run.incidentId, thread, { source: run.source, platform, postUrl: run.request.postUrl, watch: run.request.watch }, run);
      if (!done) {
        await this.release(id);
        return true;
      }
    } catch (error) {
      if (error instanceof ImportTakenOver) return false;
      if (error instanceof HttpException && error.getStatus() < 500) await this.finishRun(id, { status: 'failed', error: error.message.slice(0, 1000) });
      throw error;
    }
    if (run.filePath) await rm(run.filePath, { force: true });
    return true;
  }

  /** Takes the import unless another process holds a live lease on it; the import as it stands. */
  private async claim(id: string): Promise<ImportRun | null> {
    return this.transactions.run(async (tx) => {
      const run = await this.lockRun(tx, id);
      if (!run || run.status !== 'running') return null;
      if (run.holder !== this.holder && run.leaseUntil.getTime() > Date.now()) return null;
      if (run.holder !== this.holder || run.error) run.resumes += 1;
      run.holder = this.holder;
      run.leaseUntil = new Date(Date.now() + this.config.importLeaseMs);
      await tx.manager.update(ImportRun, { id }, { holder: run.holder, leaseUntil: run.leaseUntil, resumes: run.resumes });
      return run;
    });
  }

  /** The import row, locked for this unit of work (PostgreSQL; SQLite runs one unit at a time). */
  async lockRun(tx: Tx, id: string): Promise<ImportRun | null> {
    const postgres = tx.manager.connection.options.type === 'postgres';
    return tx.manager.findOne(ImportRun, { where: { id }, ...(postgres ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** Renews this process's lease in the batch's unit of work; another process took the import over: stop. */
  async renew(tx: Tx, run: ImportRun): Promise<void> {
    const now = await this.lockRun(tx, run.id);
    if (!now || now.status !== 'running' || now.holder !== this.holder) throw new ImportTakenOver(run.id);
    run.leaseUntil = new Date(Date.now() + this.config.importLeaseMs);
    run.updatedAt = new Date();
  }

  /** Lets another process take the import at once (this one is stopping). */
  private async release(id: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      await tx.manager.update(ImportRun, { id, holder: this.holder }, { leaseUntil: new Date(0) });
    });
  }

  private async finishRun(id: string, fields: Pick<ImportRun, 'status' | 'error'>): Promise<void> {
    const run = await this.dataSource.getRepository(ImportRun).findOneBy({ id });
    await this.transactions.run(async (tx) => {
      await tx.manager.update(ImportRun, { id }, { ...fields, holder: null, completedAt: new Date(), updatedAt: new Date() });
    });
    if (run?.filePath) await rm(run.filePath, { force: true });
  }

  /** The place an address import reads from: the one it was made with (WordPress for imports older than the other places). */
  private addressSourceOf(run: ImportRun): AddressSource {
    return this.sources.named(run.request.place ?? 'wordpress') ?? this.sources.named('wordpress')!;
  }

  private async rereadThread(run: ImportRun): Promise<WpThread> {
    if (run.source === 'rest') return this.addressSourceOf(run).read(run.request.postUrl!, this.sources.context);
    const source = this.sources.file(run.source as FileFormat);
    if (!source || !run.filePath || !run.request.post) throw new SourceError('file: the file of this import is gone', 'import.fileGone', {}, 'file');
    return source.read(createReadStream(run.filePath, { encoding: 'utf8', highWaterMark: 256 * 1024 }), run.request.post);
  }

  private async readFile(source: FileSource, path: string, thread: string, threadField: string): Promise<WpThread> {
    try {
      return await source.read(createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 }), thread);
    } catch (error) {
      if (error instanceof SourceError) throw badRequest(sourceProblem(error, { post: threadField, thread: threadField }, 'file'));
      throw error;
    }
  }

  /** The watch's sync of a post (the worker): skipped unless due; paused while the incident is not open. */
  async syncWatched(postId: string): Promise<string> {
    const post = await this.posts.findWatched(this.dataSource.manager, postId);
    const incidentId = post?.watch.incidentId;
    if (!post || !incidentId || !post.watch.nextSyncAt || post.watch.nextSyncAt.getTime() > Date.now() + 1000) return 'skipped';
    const state = await this.incidents.stateOf(this.dataSource.manager, incidentId);
    if (!state || !OPEN_STATES.includes(state)) {
      await this.recordSync(postId, incidentId, `paused: incident ${state ?? 'gone'}`);
      return 'paused';
    }
    const source = this.sources.forPlatform(post.platform);
    let thread: WpThread;
    try {
      thread = await source.read(post.url, this.sources.context);
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      await this.recordSync(postId, incidentId, `failed: ${error.message}`);
      return 'failed';
    }
    const summary = (await this.writeThread(SYSTEM, incidentId, thread, { source: 'watch', platform: source.platform, postUrl: post.url }, null))!;
    return `added ${summary.added}, updated ${summary.updated}, deleted ${summary.deleted}`;
  }

  /** Records a sync that wrote nothing and sets the next one. */
  private async recordSync(postId: string, incidentId: string, result: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const post = await this.posts.findWatched(tx.manager, postId);
      if (post?.watch.incidentId !== incidentId) return;
      this.nextSync(tx, post, result);
      await this.posts.setWatchIn(tx, post.id, post.watch);
    });
  }

  private nextSync(tx: Tx, post: WatchedPost, result: string): void {
    const now = new Date();
    post.watch = { ...post.watch, lastSyncAt: now, lastResult: result.slice(0, 1000), nextSyncAt: new Date(now.getTime() + this.config.watchIntervalMs) };
    this.alarms.armAfterCommit(tx, post.id, post.watch.nextSyncAt!);
  }

  /**
   * Writes a thread into the incident a batch at a time, each batch its own
   * unit of work with its timeline events, so other writes take turns with
   * the import: first the post (linked), then the comments in thread order
   * from the run's cursor, then the comments gone from the blog and the
   * import's own event. `run` is the import's row, kept in step in every
   * unit (the watch's syncs keep theirs in memory). False if the process is
   * stopping and the import was left where it is, to be resumed.
   */
  private async writeThread(actor: Actor, incidentId: string, thread: WpThread, options: WriteOptions, run: ImportRun | null): Promise<ImportSummaryView | null> {
    const job: Job = {
      actor,
      incidentId,
      thread,
      options,
      run: run ?? memoryRun(actor, incidentId, options.source),
      persist: !!run,
      post: null,
      outbound: () => false,
      byOwner: () => false,
      answered: new Set(),
      parties: null,
    };
    const ordered = threadOrder(thread.comments);
    await this.inUnit(job, (tx) => this.beginThread(tx, job, ordered.length));
    const sizes = new BatchSizes(this.config.importBatchSize, this.config.importBatchMs);
    for (let start = job.run.done; start < ordered.length; start = job.run.done) {
      if (this.stopping && job.persist) return null;
      const slice = ordered.slice(start, start + sizes.next);
      await this.inUnit(job, async (tx) => {
        const began = performance.now();
        await this.writeBatch(tx, job, slice);
        sizes.took(slice.length, performance.now() - began);
      });
      // Units of work queued meanwhile (a comment typed by someone) go before the next batch.
      await new Promise((resume) => setImmediate(resume));
    }
    return this.inUnit(job, (tx) => this.endThread(tx, job));
  }

  /**
   * A step of the import in a unit of work, which may run more than once: a
   * batch whose rows failed to be written (another unit's, a message whose
   * external id was taken) runs every unit again, its writes undone. Each run
   * starts from the import's run as it stood before the first, or it would
   * count the batch twice and skip the next one.
   */
  private inUnit<T>(job: Job, step: (tx: Tx) => Promise<T>): Promise<T> {
    // The steps replace the run's fields, but for the totals and the alerted ids, which they change in place.
    const copy = (run: ImportRun): ImportRun => ({ ...run, totals: { ...run.totals }, alerted: [...run.alerted] });
    const before = copy(job.run);
    return this.transactions.run((tx) => {
      Object.assign(job.run, copy(before));
      return step(tx);
    });
  }

  /** The run's row brought in step, in the unit of work that moved it. */
  private async keep(tx: Tx, job: Job): Promise<void> {
    if (!job.persist) return;
    job.run.updatedAt = new Date();
    const { id: _id, ...fields } = job.run;
    await tx.manager.update(ImportRun, { id: job.run.id }, fields);
  }

  private async beginThread(tx: Tx, job: Job, total: number): Promise<void> {
    const { incidentId, thread, options, run } = job;
    await lockIncidents(tx, [incidentId]);
    if (job.persist) await this.renew(tx, run);
    const incident = await this.incidents.find(tx.manager, incidentId);
    const owner = incident.ownerId ? await people.one(tx.manager, incident.ownerId) : null;
    const handles = new Set((owner?.handles ?? []).map(foldText));
    job.byOwner = (comment: WpComment) => handles.has(foldText(comment.authorName));
    // A blog's post is ours; a thread elsewhere is ours only when its first message is the owner's.
    const ours = options.platform === 'blog' || (!!thread.post.authorName && handles.has(foldText(thread.post.authorName)));
    const { post, linked } = await this.linkPost(tx, job.actor, incident, thread, options, ours);
    if (options.source === 'watch' && post.watch.incidentId !== incidentId) {
      throw refusal(HttpStatus.CONFLICT, 'watch.ended', `post ${post.id} is no longer watched for ${incident.ref}`, { values: { ref: incident.ref } });
    }
    if (!run.postId) {
      run.postId = post.id;
      run.reimport = await this.comments.hasImported(tx.manager, incidentId, post.id);
    }
    run.postLinked ||= linked;
    run.total = total;
    job.post = post;
    // The post's author answering under their own post speaks for us only when the post is ours.
    const author = post.ownership === 'own' ? thread.post.authorId : null;
    job.outbound = (comment: WpComment) => (!!author && comment.authorId === author) || job.byOwner(comment);
    job.answered = new Set(thread.comments.filter((comment) => job.outbound(comment) && comment.parentId).map((comment) => comment.parentId!));
    await this.keep(tx, job);
  }

  /** One batch of comments, in thread order: added, or updated when already imported. */
  private async writeBatch(tx: Tx, job: Job, slice: WpComment[]): Promise<void> {
    const { actor, incidentId, run } = job;
    const post = job.post!;
    await lockIncidents(tx, [incidentId]);
    if (job.persist) await this.renew(tx, run);
    const incident = await this.incidents.find(tx.manager, incidentId);
    const wanted = [...new Set(slice.flatMap((wp) => (wp.parentId ? [wp.id, wp.parentId] : [wp.id])))];
    const imported = await this.comments.importedOf(tx.manager, incidentId, post.id, wanted);
    const replyWindowStart = Date.now() - this.config.importReplyWindowMs;
    const open = OPEN_STATES.includes(incident.state);
    const parties = await this.matcherOf(tx, job);
    await parties.prefetch(slice.filter((wp) => !imported.has(wp.id) && !job.outbound(wp)));
    const ids = new Map([...imported].map(([externalId, row]) => [externalId, row.id]));
    const summary = run.totals;
    const threats: Array<{ id: string; body: string; author: string }> = [];

    const additions: Array<{ id: string; dto: CreateCommentDto; wp: WpComment; owes: boolean }> = [];
    for (const wp of slice) {
      const body = (wp.body || '(no text)').slice(0, MAX_BODY);
      const known = imported.get(wp.id);
      if (known) {
        const changes = { ...(known.body !== body ? { body } : {}), ...(known.status === 'deleted' ? { status: 'visible' as const } : {}) };
        if (!Object.keys(changes).length) {
          summary.unchanged += 1;
          continue;
        }
        const changed = await this.comments.change(tx, actor, known, changes);
        summary.updated += 1;
        summary.signals += changed.signals.filter(isAsserted).length;
        continue;
      }
      const isOutbound = job.outbound(wp);
      const owes = wp.postedAt.getTime() >= replyWindowStart && !job.answered.has(wp.id);
      const dto: CreateCommentDto = {
        direction: isOutbound ? 'outbound' : 'inbound',
        channel: 'comment',
        postId: post.id,
        parentId: (wp.parentId && ids.get(wp.parentId)) || undefined,
        postedAt: wp.postedAt,
        body,
        url: wp.url?.slice(0, 2048) ?? undefined,
        externalId: wp.id,
        authorName: wp.authorName.slice(0, 200),
        ...(isOutbound
          ? { authorUserId: job.byOwner(wp) && incident.ownerId ? incident.ownerId : undefined }
          : { partyId: await parties.findOrCreate(wp), needsResponse: owes ? undefined : false }),
      };
      const id = newId();
      ids.set(wp.id, id);
      additions.push({ id, dto, wp, owes });
    }
    await parties.flush();
    const added = additions.length ? await this.comments.addMany(tx, actor, incidentId, additions) : [];
    for (const [i, view] of added.entries()) {
      const { wp, owes, dto } = additions[i]!;
      summary.added += 1;
      summary.signals += view.signals.filter(isAsserted).length;
      // A threat said by the other side, not a bystander's nor a mention.
      const threat = sideOf(view, incident.counterpartId) === 'counterpart' && view.signals.some((signal) => signal.kind === 'legal_threat' && isAsserted(signal));
      if (run.reimport && open && owes && dto.direction === 'inbound' && threat) threats.push({ id: view.id, body: view.body, author: wp.authorName });
    }
    for (const { partyId, candidate, likeness } of parties.takeProposals()) {
      const first = added.find((view) => view.partyId === partyId);
      const partyName = additions.find(({ dto }) => dto.partyId === partyId)?.wp.authorName ?? '';
      if (first) {
        await this.timeline.append(tx, incidentId, actor, 'party.same_proposed', { partyId, candidateId: candidate.id, partyName, candidateName: candidate.name, likeness, commentId: first.id });
      }
    }
    for (const threat of threats) await this.alertOwner(tx, incident, threat);
    run.alerted = [...run.alerted, ...threats.map((threat) => threat.id)];
    run.done += slice.length;
    run.batches += 1;
    run.lastExternalId = slice.at(-1)?.id ?? run.lastExternalId;
    await this.keep(tx, job);
  }

  /** The import's party matcher, in this batch's unit of work: read for its first batch, kept for the next ones. */
  private async matcherOf(tx: Tx, job: Job): Promise<PartyMatcher> {
    if (!job.parties) return (job.parties = await this.parties.matcherIn(tx, job.incidentId));
    await job.parties.resume(tx.manager);
    return job.parties;
  }

  /** The comments gone from the blog, the import's event, the watch; the import done. */
  private async endThread(tx: Tx, job: Job): Promise<ImportSummaryView> {
    const { actor, incidentId, thread, options, run } = job;
    const post = job.post!;
    await lockIncidents(tx, [incidentId]);
    if (job.persist) await this.renew(tx, run);
    const incident = await this.incidents.find(tx.manager, incidentId);
    const summary = run.totals;
    const present = new Set(thread.comments.map((comment) => comment.id));
    summary.deleted += await this.comments.deleteGoneIn(tx, actor, incidentId, post.id, present);
    const changed = summary.added + summary.updated + summary.deleted > 0 || run.postLinked;
    if (options.source !== 'watch' || changed) {
      await this.timeline.append(tx, incidentId, actor, 'import.completed', {
        source: options.source,
        platform: options.platform,
        postId: post.id,
        externalPostId: thread.post.id,
        postLinked: run.postLinked,
        ...summary,
        alerted: run.alerted,
        ...(job.persist ? { importId: run.id, batches: run.batches } : {}),
      });
    }
    if (options.source === 'watch') {
      this.nextSync(tx, post, `added ${summary.added}, updated ${summary.updated}, deleted ${summary.deleted}, unchanged ${summary.unchanged}`);
      await this.posts.setWatchIn(tx, post.id, post.watch);
    } else if (options.watch) {
      await this.startWatch(tx, actor, post, incident);
    }
    run.status = 'completed';
    run.error = null;
    run.completedAt = new Date();
    run.holder = null;
    await this.keep(tx, job);
    return { postId: post.id, ...summary };
  }

  /**
   * A new inbound legal threat is not left for the next response reminder: a
   * follow_up due now goes to the owner (or backup, or admins) on every
   * channel (in-app, email, webhook).
   */
  private async alertOwner(tx: Tx, incident: ImportIncident, comment: { id: string; body: string; author: string }): Promise<void> {
    const excerpt = comment.body.replace(/\s+/g, ' ').trim();
    await this.reminders.schedule(tx, {
      kind: 'follow_up',
      subject: { type: 'comment', id: comment.id },
      incidentId: incident.id,
      incident,
      dueAt: new Date(),
      note: `Legal threat from ${comment.author} in a new comment on the watched post: “${excerpt.length > 200 ? `${excerpt.slice(0, 199)}…` : excerpt}”`,
    });
  }

  /** The post of the thread (found by URL, else created where the thread is, as ours or another's), linked to the incident. */
  private async linkPost(tx: Tx, actor: Actor, incident: ImportIncident, thread: WpThread, options: WriteOptions, ours: boolean): Promise<{ post: WatchedPost; linked: boolean }> {
    const urls = [...new Set([thread.post.url, options.postUrl].filter((url): url is string => !!url))];
    if (!urls.length) throw badRequest(fieldProblem('file', 'wxr.postWithoutLink', 'file: the post has no <link>'));
    return this.posts.linkOrCreateIn(
      tx,
      incident,
      {
        urls,
        title: thread.post.title,
        publishedAt: thread.post.publishedAt,
        externalId: thread.post.id,
        commentsOpen: thread.post.commentsOpen,
        platform: options.platform,
        ownership: ours ? 'own' : 'third_party',
      },
      actor,
    );
  }

  async watch(actor: Actor, postId: string, incidentId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const incident = await this.incidents.find(tx.manager, incidentId);
      const post = await this.findPost(tx, postId);
      if (!(await this.incidents.hasPost(tx.manager, incidentId, postId))) {
        throw badRequest(fieldProblem('incidentId', 'import.postNotLinked', `incidentId: post ${postId} is not linked to ${incident.ref}`, { ref: incident.ref }));
      }
      await this.startWatch(tx, actor, post, incident);
    });
  }

  async unwatch(actor: Actor, postId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const post = await this.findPost(tx, postId);
      const incidentId = post.watch.incidentId;
      if (!incidentId) return;
      await this.posts.setWatchIn(tx, postId, { ...NO_WATCH });
      await this.timeline.append(tx, incidentId, actor, 'post.watch_changed', { postId, watching: false });
    });
  }

  private async startWatch(tx: Tx, actor: Actor, post: WatchedPost, incident: ImportIncident): Promise<void> {
    if (post.watch.incidentId === incident.id) return;
    if (post.watch.incidentId) throw refusal(HttpStatus.CONFLICT, 'watch.elsewhere', `post ${post.id} is already watched for another incident; remove that watch first`);
    post.watch = { ...NO_WATCH, incidentId: incident.id, nextSyncAt: new Date(Date.now() + this.config.watchIntervalMs) };
    await this.posts.setWatchIn(tx, post.id, post.watch);
    this.alarms.armAfterCommit(tx, post.id, post.watch.nextSyncAt!);
    await this.timeline.append(tx, incident.id, actor, 'post.watch_changed', { postId: post.id, watching: true });
  }

  private async findPost(tx: Tx, id: string): Promise<WatchedPost> {
    const post = await this.posts.findWatched(tx.manager, id);
    if (!post) throw notFound('post', id);
    return post;
  }
}
