import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { SYSTEM, type Actor } from '../common/roles.js';
import { MAX_BODY, type CreateCommentDto } from '../comments/comment.dto.js';
import { CommentsService } from '../comments/comments.service.js';
import { validateAs } from '../common/validation.js';
import { AppConfig } from '../config/app-config.js';
import { newId } from '../database/columns.js';
import { TransactionService, type Tx } from '../database/transaction.service.js';
import { PageFetcher } from '../fetcher/page-fetcher.js';
import { OPEN_STATES } from '../incidents/escalation.js';
import { IncidentPost } from '../incidents/incident-post.entity.js';
import { Incident } from '../incidents/incident.entity.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { NO_WATCH, Post } from '../posts/post.entity.js';
import { lockIncidents } from '../reminders/incident-lock.js';
import { RemindersService } from '../reminders/reminders.service.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { User } from '../users/user.entity.js';
import { type ImportSource } from './import-events.js';
import { ImportSummaryView, WxrImportFieldsDto, type ImportWordPressDto } from './import.dto.js';
import { fold, importedComments, PartyMatcher } from './party-matcher.js';
import { isAsserted } from '../signals/analyzer.js';
import { sideOf } from '../signals/sides.js';
import '../parties/party-events.js';
import { WatchAlarms } from './watch-alarms.js';
import { threadOrder, type WpComment, type WpThread } from './wordpress-thread.js';
import { WordPressClient, WordPressError } from './wordpress-rest.js';
import { WxrError, WxrReader } from './wxr-parser.js';
import './import-events.js';
import { badRequest, fieldProblem, notFound, refusal } from '../common/problem.js';
import { uploadProblems } from '../common/upload-problems.js';

/** A WXR file uploaded and staged on disk, with the other fields of its form. */
export interface WxrUpload {
  fields: Record<string, string>;
  path: string;
  remove: () => Promise<void>;
}

interface WriteOptions {
  source: ImportSource;
  /** The URL the user gave, which may differ from WordPress's permalink. */
  postUrl?: string;
  watch?: boolean;
}

/**
 * WordPress threads into an incident (DESIGN §6): everything is read first
 * (REST API or WXR file), then written in one transaction through
 * CommentsService, idempotently by WordPress comment id.
 */
@Injectable()
export class ImportsService {
  private readonly client: WordPressClient;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly incidents: IncidentsService,
    private readonly comments: CommentsService,
    private readonly reminders: RemindersService,
    private readonly timeline: TimelineService,
    private readonly alarms: WatchAlarms,
    private readonly config: AppConfig,
    fetcher: PageFetcher,
  ) {
    this.client = new WordPressClient(fetcher, config.fetchTimeoutMs);
  }

  async fromBlog(actor: Actor, dto: ImportWordPressDto): Promise<ImportSummaryView> {
    await this.incidents.assertExists(dto.incidentId);
    const thread = await this.read(dto.postUrl);
    return this.write(actor, dto.incidentId, thread, { source: 'rest', postUrl: dto.postUrl, watch: dto.watch });
  }

  /** A multipart WXR upload (the API's): staged, then imported. */
  async fromWxr(actor: Actor, request: FastifyRequest): Promise<ImportSummaryView> {
    const upload = await this.stageWxr(request);
    try {
      return await this.fromWxrFile(actor, await validateAs(WxrImportFieldsDto, upload.fields), upload.path);
    } finally {
      await upload.remove();
    }
  }

  /**
   * A multipart WXR upload staged on disk (its fields may follow the file):
   * the fields as sent, the file's path, and how to remove it once read.
   */
  async stageWxr(request: FastifyRequest): Promise<WxrUpload> {
    if (!request.isMultipart()) throw uploadProblems.notMultipart('file, incidentId and post');
    const path = join(tmpdir(), `calumet-wxr-${randomUUID()}.xml`);
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

  /** One post's comments from a staged WXR file; a malformed file imports nothing. */
  async fromWxrFile(actor: Actor, dto: WxrImportFieldsDto, path: string): Promise<ImportSummaryView> {
    await this.incidents.assertExists(dto.incidentId);
    let thread: WpThread;
    try {
      thread = await new WxrReader(dto.post).read(createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 }));
    } catch (error) {
      if (error instanceof WxrError) throw badRequest(fieldProblem(error.field, error.code, `file: ${error.message}`, error.values));
      throw error;
    }
    return this.write(actor, dto.incidentId, thread, { source: 'wxr' });
  }

  /** The watch's sync of a post (the worker): skipped unless due; paused while the incident is not open. */
  async syncWatched(postId: string): Promise<string> {
    const post = await this.dataSource.getRepository(Post).findOneBy({ id: postId });
    const incidentId = post?.watch.incidentId;
    if (!post || !incidentId || !post.watch.nextSyncAt || post.watch.nextSyncAt.getTime() > Date.now() + 1000) return 'skipped';
    const incident = await this.dataSource.getRepository(Incident).findOneBy({ id: incidentId });
    if (!incident || !OPEN_STATES.includes(incident.state)) {
      await this.recordSync(postId, incidentId, `paused: incident ${incident?.state ?? 'gone'}`);
      return 'paused';
    }
    let thread: WpThread;
    try {
      thread = await this.client.thread(post.url);
    } catch (error) {
      if (!(error instanceof WordPressError)) throw error;
      await this.recordSync(postId, incidentId, `failed: ${error.message}`);
      return 'failed';
    }
    const summary = await this.write(SYSTEM, incidentId, thread, { source: 'watch', postUrl: post.url });
    return `added ${summary.added}, updated ${summary.updated}, deleted ${summary.deleted}`;
  }

  private async read(postUrl: string): Promise<WpThread> {
    try {
      return await this.client.thread(postUrl);
    } catch (error) {
      if (error instanceof WordPressError) throw badRequest(fieldProblem('postUrl', error.code, error.message, error.values));
      throw error;
    }
  }

  /** Records a sync that wrote nothing and sets the next one. */
  private async recordSync(postId: string, incidentId: string, result: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const post = await tx.manager.findOneBy(Post, { id: postId });
      if (post?.watch.incidentId !== incidentId) return;
      this.nextSync(tx, post, result);
      await tx.manager.save(Post, post);
    });
  }

  private nextSync(tx: Tx, post: Post, result: string): void {
    const now = new Date();
    post.watch = { ...post.watch, lastSyncAt: now, lastResult: result.slice(0, 1000), nextSyncAt: new Date(now.getTime() + this.config.watchIntervalMs) };
    this.alarms.armAfterCommit(tx, post.id, post.watch.nextSyncAt!);
  }

  private async write(actor: Actor, incidentId: string, thread: WpThread, options: WriteOptions): Promise<ImportSummaryView> {
    return this.transactions.run(async (tx) => {
      await lockIncidents(tx, [incidentId]);
      const incident = await this.incidents.find(tx.manager, incidentId);
      const { post, linked } = await this.linkPost(tx, incident, thread, options.postUrl);
      if (options.source === 'watch' && post.watch.incidentId !== incidentId) {
        throw refusal(HttpStatus.CONFLICT, 'watch.ended', `post ${post.id} is no longer watched for ${incident.ref}`, { values: { ref: incident.ref } });
      }
      const imported = await importedComments(tx.manager, incidentId, post.id);
      const alreadyImported = imported.size > 0;
      const owner = incident.ownerId ? await tx.manager.findOneBy(User, { id: incident.ownerId }) : null;
      const handles = new Set((owner?.handles ?? []).map(fold));
      const byOwner = (comment: WpComment) => handles.has(fold(comment.authorName));
      const outbound = (comment: WpComment) => (!!thread.post.authorId && comment.authorId === thread.post.authorId) || byOwner(comment);
      const answered = new Set(thread.comments.filter((comment) => outbound(comment) && comment.parentId).map((comment) => comment.parentId));
      const replyWindowStart = Date.now() - this.config.importReplyWindowMs;
      const open = OPEN_STATES.includes(incident.state);
      const parties = await PartyMatcher.forIncident(tx.manager, incidentId);
      const ids = new Map([...imported].map(([externalId, row]) => [externalId, row.id]));
      const summary = { added: 0, updated: 0, deleted: 0, unchanged: 0, signals: 0 };
      const threats: Array<{ id: string; body: string; author: string }> = [];

      const additions: Array<{ id: string; dto: CreateCommentDto; wp: WpComment; owes: boolean }> = [];
      for (const wp of threadOrder(thread.comments)) {
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
        const isOutbound = outbound(wp);
        const owes = wp.postedAt.getTime() >= replyWindowStart && !answered.has(wp.id);
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
            ? { authorUserId: byOwner(wp) && incident.ownerId ? incident.ownerId : undefined }
            : { partyId: await parties.partyOf(wp), needsResponse: owes ? undefined : false }),
        };
        const id = newId();
        ids.set(wp.id, id);
        additions.push({ id, dto, wp, owes });
      }
      const added = await this.comments.addMany(tx, actor, incidentId, additions);
      for (const [i, view] of added.entries()) {
        const { wp, owes, dto } = additions[i]!;
        summary.added += 1;
        summary.signals += view.signals.filter(isAsserted).length;
        // A threat said by the other side, not a bystander's nor a mention.
        const threat = sideOf(view, incident.counterpartId) === 'counterpart' && view.signals.some((signal) => signal.kind === 'legal_threat' && isAsserted(signal));
        if (alreadyImported && open && owes && dto.direction === 'inbound' && threat) threats.push({ id: view.id, body: view.body, author: wp.authorName });
      }
      for (const { partyId, candidate, likeness } of parties.proposals) {
        const first = added.find((view) => view.partyId === partyId);
        const partyName = additions.find(({ dto }) => dto.partyId === partyId)?.wp.authorName ?? '';
        if (first) {
          await this.timeline.append(tx, incidentId, actor, 'party.same_proposed', { partyId, candidateId: candidate.id, partyName, candidateName: candidate.name, likeness, commentId: first.id });
        }
      }

      const present = new Set(thread.comments.map((comment) => comment.id));
      for (const [externalId, row] of imported) {
        if (present.has(externalId) || row.status === 'deleted') continue;
        await this.comments.change(tx, actor, row, { status: 'deleted' });
        summary.deleted += 1;
      }

      for (const threat of threats) await this.alertOwner(tx, incident, threat);

      const changed = summary.added + summary.updated + summary.deleted > 0 || linked;
      if (options.source !== 'watch' || changed) {
        await this.timeline.append(tx, incidentId, actor, 'import.completed', {
          source: options.source,
          postId: post.id,
          externalPostId: thread.post.id,
          postLinked: linked,
          ...summary,
          alerted: threats.map((threat) => threat.id),
        });
      }
      if (options.source === 'watch') {
        this.nextSync(tx, post, `added ${summary.added}, updated ${summary.updated}, deleted ${summary.deleted}, unchanged ${summary.unchanged}`);
        await tx.manager.save(Post, post);
      } else if (options.watch) {
        await this.startWatch(tx, actor, post, incident);
      }
      return { postId: post.id, ...summary };
    });
  }

  /**
   * A new inbound legal threat is not left for the next response reminder: a
   * follow_up due now goes to the owner (or backup, or admins) on every
   * channel (in-app, email, webhook).
   */
  private async alertOwner(tx: Tx, incident: Incident, comment: { id: string; body: string; author: string }): Promise<void> {
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

  /** The post of the thread (found by URL, else created as our own blog post), linked to the incident. */
  private async linkPost(tx: Tx, incident: Incident, thread: WpThread, postUrl?: string): Promise<{ post: Post; linked: boolean }> {
    const urls = [...new Set([thread.post.url, postUrl].filter((url): url is string => !!url))];
    if (!urls.length) throw badRequest(fieldProblem('file', 'wxr.postWithoutLink', 'file: the post has no <link>'));
    let post: Post | null = null;
    for (const url of urls) post ??= await tx.manager.findOneBy(Post, { url });
    if (!post) {
      const now = new Date();
      post = {
        id: newId(),
        platform: 'blog',
        ownership: 'own',
        url: urls[0]!.slice(0, 2048),
        title: thread.post.title?.slice(0, 300) ?? null,
        authorName: null,
        publishedAt: thread.post.publishedAt,
        ownerId: incident.ownerId,
        indexing: { desired: 'index', observed: 'unknown', observedAt: null, nextCheckAt: null },
        externalId: thread.post.id,
        watch: { ...NO_WATCH },
        createdAt: now,
        updatedAt: now,
      };
      await tx.manager.insert(Post, post);
    }
    if (await tx.manager.existsBy(IncidentPost, { incidentId: incident.id, postId: post.id })) return { post, linked: false };
    await tx.manager.insert(IncidentPost, { incidentId: incident.id, postId: post.id });
    return { post, linked: true };
  }

  async watch(actor: Actor, postId: string, incidentId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const incident = await this.incidents.find(tx.manager, incidentId);
      const post = await this.findPost(tx, postId);
      if (!(await tx.manager.existsBy(IncidentPost, { incidentId, postId }))) {
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
      post.watch = { ...NO_WATCH };
      await tx.manager.save(Post, post);
      await this.timeline.append(tx, incidentId, actor, 'post.watch_changed', { postId, watching: false });
    });
  }

  private async startWatch(tx: Tx, actor: Actor, post: Post, incident: Incident): Promise<void> {
    if (post.watch.incidentId === incident.id) return;
    if (post.watch.incidentId) throw refusal(HttpStatus.CONFLICT, 'watch.elsewhere', `post ${post.id} is already watched for another incident; remove that watch first`);
    post.watch = { ...NO_WATCH, incidentId: incident.id, nextSyncAt: new Date(Date.now() + this.config.watchIntervalMs) };
    await tx.manager.save(Post, post);
    this.alarms.armAfterCommit(tx, post.id, post.watch.nextSyncAt!);
    await this.timeline.append(tx, incident.id, actor, 'post.watch_changed', { postId: post.id, watching: true });
  }

  private async findPost(tx: Tx, id: string): Promise<Post> {
    const post = await tx.manager.findOneBy(Post, { id });
    if (!post) throw notFound('post', id);
    return post;
  }
}
