import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, startApp, type TestApp } from './helpers/app.js';
import { fixtures } from './helpers/incident-fixtures.js';
import { HEADLESS_SHELL } from '../src/config/app-config.js';

const SECRET = 'PRIVILEGED-7f3a: nominative use, do not settle';
const HOSTILE = `<script>alert('x')</script> I invoke my droit de réponse & more`;

describe('dossier', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  let legal: { id: string; token: string };
  let viewer: string;
  let cm: string;
  let story: {
    incident: { id: string; ref: string };
    founder: { id: string };
    company: { id: string };
    notice: { id: string; ref: string; respondBy: string };
    evidence: { id: string; sha256: string };
    inbound: { id: string };
    reply: { id: string };
  };

  const dossier = (token: string, incidentId = story.incident.id) => t.api(token).get(`/api/incidents/${incidentId}/dossier`);
  const page = (token: string, incidentId = story.incident.id) => t.api(token).get(`/api/incidents/${incidentId}/dossier.html`);

  beforeAll(async () => {
    t = await startApp();
    f = fixtures(t);
    legal = await t.createUser('legal', 'Léa Legal');
    viewer = (await t.createUser('viewer')).token;
    cm = (await t.createUser('community_manager')).token;
    const founder = await f.party('Marc Founder');
    const company = await f.party('Acme SAS', { kind: 'organisation' });
    const post = await f.post({ title: 'Beginners’ mistakes', publishedAt: '2026-10-20T08:00:00Z' });
    const incident = await f.incident({ counterpartId: founder.id, postIds: [post.id] });
    const inbound = await f.comment(incident.id, { partyId: founder.id, body: HOSTILE, postedAt: '2026-11-02T09:00:00Z' });
    const reply = await f.comment(incident.id, { direction: 'outbound', authorName: 'The blogger', parentId: inbound.id, body: 'Please write to my company, by registered mail.', postedAt: '2026-11-02T10:00:00Z' });
    await f.move(incident.id, 'heated');
    const notice = (
      await t.api(legal.token)
        .post(`/api/incidents/${incident.id}/legal-notices`)
        .send({
          type: 'right_of_reply',
          jurisdiction: 'FR',
          receivedVia: 'comment',
          receivedAt: '2026-11-02T09:00:00Z',
          commentId: inbound.id,
          senderPartyId: founder.id,
          onBehalfOfPartyId: company.id,
          demands: [{ kind: 'publish_reply', description: 'Publish my answer under the article' }],
          privilegedNotes: SECRET,
        })
        .expect(201)
    ).body;
    const evidence = (
      await t.api(legal.token).post(`/api/incidents/${incident.id}/evidence`).send({ kind: 'text', text: HOSTILE, linkedCommentId: inbound.id, linkedNoticeId: notice.id }).expect(201)
    ).body;
    await t.api().post(`/api/incidents/${incident.id}/commitments`).send({ kind: 'call_back', description: 'Call back, not before Thursday', notBefore: '2026-11-05T08:00:00Z' }).expect(201);
    story = { incident, founder, company, notice, evidence, inbound, reply };
  });
  afterAll(() => t.close());

  it('gathers the parties, posts, thread, escalation, notices, evidence and verified timeline (JSON)', async () => {
    const body = (await dossier(legal.token).expect(200)).body;
    const timeline = await f.timeline(story.incident.id);
    expect(body).toMatchObject({
      generatedFor: 'legal',
      timeZone: 'Europe/Paris',
      incident: { id: story.incident.id, ref: story.incident.ref, state: 'legal_threat', openCounts: { openLegalNotices: 1 } },
      people: { [legal.id]: 'Léa Legal' },
      posts: [{ title: 'Beginners’ mistakes' }],
      thread: [
        { id: story.inbound.id, body: HOSTILE },
        { id: story.reply.id, parentId: story.inbound.id },
      ],
      escalation: [
        { from: 'reported', to: 'heated', reason: 'moved to heated' },
        { from: 'heated', to: 'legal_threat', actor: 'system', cause: { type: 'legal_notice', id: story.notice.id } },
      ],
      notices: [{ id: story.notice.id, respondBy: story.notice.respondBy, deadlineBasis: expect.stringContaining('LCEN'), privilegedNotes: SECRET, assigneeId: legal.id }],
      evidence: [{ id: story.evidence.id, sha256: story.evidence.sha256, content: 'intact', linkedNoticeId: story.notice.id }],
      commitments: [{ kind: 'call_back', description: 'Call back, not before Thursday', status: 'pending', promisedToPartyId: story.founder.id, observations: [] }],
      timeline: { verification: { valid: true, events: timeline.length } },
    });
    expect(body.parties).toEqual([
      { party: expect.objectContaining({ id: story.founder.id, name: 'Marc Founder' }), roles: ['counterpart', `sender of ${story.notice.ref}`, 'author of comments', 'to whom promises were made'] },
      { party: expect.objectContaining({ id: story.company.id }), roles: [`on whose behalf ${story.notice.ref} was sent`] },
    ]);
    expect(body.timeline.events.map((event: { seq: number }) => event.seq)).toEqual(timeline.map((event) => event.seq));
  });

  it('prints the thread as a tree: each reply under the message it answers, with whom and when it answers', async () => {
    const founder = await f.party('Jean Founder');
    const incident = await f.incident({ counterpartId: founder.id });
    const first = await f.comment(incident.id, { partyId: founder.id, body: 'I invoke my right of reply.', postedAt: '2026-11-30T09:00:00Z' });
    const bystander = await f.comment(incident.id, { authorName: 'A bystander', body: 'Popcorn time.', postedAt: '2026-11-30T09:30:00Z' });
    const reply = await f.comment(incident.id, { direction: 'outbound', authorName: 'The blogger', parentId: first.id, body: 'Write to us by registered letter.', postedAt: '2026-11-30T10:00:00Z' });
    const answer = await f.comment(incident.id, { partyId: founder.id, parentId: reply.id, body: 'My apologies, a misunderstanding.', postedAt: '2026-11-30T11:00:00Z' });
    const toBystander = await f.comment(incident.id, { direction: 'outbound', authorName: 'The blogger', parentId: bystander.id, body: 'Thanks.', postedAt: '2026-11-30T10:30:00Z' });

    const body = (await dossier(legal.token, incident.id).expect(200)).body;
    expect(body.thread.map((c: { id: string; depth: number; inReplyTo: { author: string; postedAt: string } | null }) => [c.id, c.depth, c.inReplyTo])).toEqual([
      [first.id, 0, null],
      [reply.id, 1, { commentId: first.id, author: 'Jean Founder', postedAt: '2026-11-30T09:00:00.000Z' }],
      [answer.id, 2, { commentId: reply.id, author: 'The blogger', postedAt: '2026-11-30T10:00:00.000Z' }],
      [bystander.id, 0, null],
      [toBystander.id, 1, { commentId: bystander.id, author: 'A bystander', postedAt: '2026-11-30T09:30:00.000Z' }],
    ]);

    const text = (await page(legal.token, incident.id).expect(200)).text;
    const order = ['I invoke my right of reply.', 'Write to us by registered letter.', 'My apologies, a misunderstanding.', 'Popcorn time.', 'Thanks.'].map((b) => text.indexOf(b));
    expect(order.every((position, n) => position > 0 && (n === 0 || position > order[n - 1]!))).toBe(true);
    const replyBlock = text.slice(text.lastIndexOf('<div class="comment', order[1]), order[1]);
    expect(replyBlock).toContain('depth-1');
    expect(replyBlock).toMatch(/In reply to Jean Founder, 2026-11-30 10:00:00/);
  });

  it('leaves out privileged notes and evidence for a viewer and a community manager', async () => {
    for (const token of [viewer, cm]) {
      const response = await dossier(token).expect(200);
      expect(response.body.notices[0]).not.toHaveProperty('privilegedNotes');
      expect(response.body.evidence).toBeNull();
      expect(response.text).not.toContain('PRIVILEGED-7f3a');
    }
  });

  it('renders a printable page with every value escaped, privileged notes for legal', async () => {
    const response = await page(legal.token).expect(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const text = response.text;
    expect(text).toContain(`<h1>Dossier ${story.incident.ref}: A public spat</h1>`);
    expect(text).toContain("@media print");
    expect(text).toContain("font: 11pt/1.45 Georgia, 'Times New Roman', serif;");
    expect(text).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; I invoke my droit de réponse &amp; more');
    expect(text).not.toContain("<script>alert('x')");
    expect(text).toContain('Marc Founder');
    expect(text).toContain(`sender of ${story.notice.ref}`);
    expect(text).toContain('Heated → Legal threat');
    expect(text).toContain(`legal notice ${story.notice.ref}`);
    expect(text).toContain('Right of reply (FR): 3 days from receipt (LCEN');
    expect(text).toContain('<time datetime="2026-11-05T22:59:59.999Z">2026-11-05 23:59:59 (UTC+01:00)</time>');
    expect(text).toContain(`<td class="hash">${story.evidence.sha256}</td><td class="ok">intact</td>`);
    expect(text).toContain('by us, The blogger');
    expect(text).toContain('<dt>Came as</dt><dd>the comment of 2026-11-02 10:00:00 (UTC+01:00)</dd>');
    expect(text).toContain(`Hash chain verified: ${(await f.timeline(story.incident.id)).length} events`);
    // Each event's time in its column, to the second; its sentence does not say it again.
    const sentences = [...text.matchAll(/<\/time><\/td><td>([^<]*)<\/td><td class="hash">/g)].map(([, sentence]) => sentence);
    expect(sentences.length).toBe((await f.timeline(story.incident.id)).length);
    expect(sentences).toContain('Léa Legal recorded the legal notice ' + story.notice.ref + ' (Right of reply)');
    expect(sentences.filter((sentence) => / — /.test(sentence))).toEqual([]);
    expect(text).toContain('nominative use, do not settle');
    expect(text).toContain('<dt>Assigned to</dt><dd>Léa Legal</dd>');
    expect(text).toContain('<h2>Commitments</h2>');
    expect(text).toContain('Call back: Call back, not before Thursday');
    expect(text).toContain('not before 2026-11-05 09:00:00 (UTC+01:00)');
  });

  it('prints a registered letter’s posting and acknowledgement as days, as the letter and its slip give them', async () => {
    const incident = await f.incident();
    await t
      .api(legal.token)
      .post(`/api/incidents/${incident.id}/legal-notices`)
      .send({
        type: 'formal_notice',
        jurisdiction: 'FR',
        receivedVia: 'registered_mail',
        receivedAt: '2026-11-04T10:30:00Z',
        // As the desk's date fields send them: the day's start in the desk's zone (Europe/Paris).
        registeredMail: { trackingNumber: '1A 234 567 8901 2', sentAt: '2026-11-01T23:00:00Z', acknowledgedAt: '2026-11-03T23:00:00Z' },
      })
      .expect(201);
    const [english, french] = await Promise.all(['en', 'fr-FR'].map(async (language) => (await page(legal.token, incident.id).set('Accept-Language', language).expect(200)).text));
    expect(english).toContain('<dd>tracking 1A 234 567 8901 2; sent 2026-11-02; acknowledged 2026-11-04</dd>');
    expect(french).toContain('<dd>suivi 1A 234 567 8901 2\u202f; envoyée le 2026-11-02\u202f; accusé de réception 2026-11-04</dd>');
    // The reception itself is a moment, to the second.
    expect(english).toContain('2026-11-04 11:30:00 (UTC+01:00)');
  });

  it('prints the page in the reader’s language, every code said as a word', async () => {
    const text = (await page(legal.token).set('Accept-Language', 'fr-FR,fr;q=0.9').expect(200)).text;
    expect(text).toContain('<html lang="fr">');
    expect(text).toContain(`<h1>Dossier ${story.incident.ref}\u202f: A public spat</h1>`);
    expect(text).toContain('Tendu → Menace juridique');
    expect(text).toContain('Droit de réponse (FR)\u202f: 3\u00a0jours à compter de la réception (LCEN');
    expect(text).toContain('pour une personne au rôle Juriste');
    expect(text).toContain(`expéditeur de ${story.notice.ref}`);
    expect(text).toContain('<h2>Engagements</h2>');
    expect(text).toContain('Rappeler\u202f: Call back, not before Thursday');
    const words = text.slice(0, text.indexOf('class="recorded-facts"'));
    expect(words).not.toMatch(/\b(legal_threat|right_of_reply|call_back|for a \w+ reader|Hash chain|Legal notices|Respond by)\b/);
  });

  it('shows a viewer the page without privileged notes or evidence', async () => {
    const text = (await page(viewer).expect(200)).text;
    expect(text).not.toContain('PRIVILEGED-7f3a');
    expect(text).not.toContain('<th>SHA-256</th>');
    expect(text).toContain('Evidence is shown to legal and admin readers only.');
  });

  it('prints a PDF whose text holds the thread, the notices, the chain head and the latest seal', async () => {
    const seal = (await t.api(legal.token).post('/api/seals').expect(201)).body;
    const head = (await t.api(legal.token).get(`/api/incidents/${story.incident.id}/timeline/verify`).expect(200)).body.head;
    const response = await t
      .api(legal.token)
      .get(`/api/incidents/${story.incident.id}/dossier.pdf`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect('content-type', 'application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'calumet-dossier-'));
    try {
      writeFileSync(join(dir, 'dossier.pdf'), response.body as Buffer);
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'dossier.pdf'), '-'], { encoding: 'utf8' });
      const joined = text.replace(/\s+/g, '');
      expect(text).toContain('Please write to my company, by registered mail.');
      expect(text).toContain(story.notice.ref);
      expect(text).toContain('right_of_reply');
      expect(joined).toContain(head.hash);
      expect(joined).toContain(seal.root);
      expect(text).toMatch(/Dossier INC-\d{4}-\d+ — 1 \/ \d+/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers 404 for an unknown incident', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    await dossier(viewer, unknown).expect(404);
    await page(viewer, unknown).expect(404);
  });

  it('says when evidence bytes no longer match their hash', async () => {
    const path = join(t.config.evidenceDir, story.evidence.sha256.slice(0, 2), story.evidence.sha256);
    chmodSync(path, 0o644);
    writeFileSync(path, 'rewritten');
    expect((await dossier(legal.token).expect(200)).body.evidence[0].content).toBe('altered');
    expect((await page(legal.token).expect(200)).text).toContain('<td class="warning">altered</td>');
  });

  it('says where the timeline was tampered with', async () => {
    const incident = await f.incident();
    await f.move(incident.id, 'heated');
    if (t.dataSource.options.type === 'postgres') {
      await sql(t.dataSource, 'ALTER TABLE timeline_events DISABLE TRIGGER timeline_events_append_only');
    } else {
      await sql(t.dataSource, 'DROP TRIGGER timeline_events_no_update');
    }
    await sql(t.dataSource, 'UPDATE timeline_events SET actor = ? WHERE incident_id = ? AND seq = 2', ['mallory', incident.id]);
    expect((await dossier(viewer, incident.id).expect(200)).body.timeline.verification).toMatchObject({ valid: false, brokenAt: 2 });
    expect((await page(viewer, incident.id).expect(200)).text).toContain('Hash chain BROKEN at event 2: hash does not match the content.');
  });
});

/**
 * Dossiers and letters are printed by the printing Chromium (PRINT_CHROMIUM_PATH, by default Debian's headless shell),
 * never by the captures' (CHROMIUM_PATH): each here a script that notes it was started, then runs the headless shell.
 */
describe('the printing Chromium', () => {
  let dir: string;
  let t: TestApp;
  const started = (name: string): string[] => readLines(join(dir, `${name}.log`));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'calumet-printer-'));
    for (const name of ['captures', 'printer']) {
      writeFileSync(join(dir, name), `#!/bin/sh\necho started >> '${join(dir, `${name}.log`)}'\nexec ${HEADLESS_SHELL} "$@"\n`);
      chmodSync(join(dir, name), 0o755);
    }
    t = await startApp({ CHROMIUM_PATH: join(dir, 'captures'), PRINT_CHROMIUM_PATH: join(dir, 'printer') });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a dossier in PRINT_CHROMIUM_PATH’s Chromium, not in the captures’ one', async () => {
    const incident = await fixtures(t).incident();
    const response = await t.api().get(`/api/incidents/${incident.id}/dossier.pdf`).buffer(true).expect(200).expect('content-type', 'application/pdf');
    expect(Buffer.from(response.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect({ printer: started('printer'), captures: started('captures') }).toEqual({ printer: ['started'], captures: [] });
  });
});

function readLines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}
