// npm run bench:import — time and peak RSS of importing one post with 28,000
// comments (a 22 MB export) from a WXR file (POST /api/imports/wordpress/wxr)
// into Calumet, built, on SQLite (BENCH_DATABASE_URL=postgres://… for
// PostgreSQL), and meanwhile the acknowledgement time of single comments
// POSTed one after another to another incident, and of /health: p50, p99, max
// (aim: a comment is not held behind the import, p99 under 1 s).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calumetMain, freePort, percentile, untilHealthy } from './harness.js';

const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 28_000);
/** The pause between two single comments written during the import (BENCH_PACE_MS=0: one after another, a client at c=1). */
const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 20);
const dir = mkdtempSync(join(tmpdir(), 'calumet-bench-import-'));

const cdata = (text: string) => `<![CDATA[${text}]]>`;
const date = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString().slice(0, 19).replace('T', ' ');

/** A WXR export of three posts; the second holds COMMENTS comments, a third of them replies, by 200 people. */
async function writeWxr(path: string): Promise<void> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench blog</title>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>${cdata('marie')}</wp:author_login></wp:author>\n`);
  for (const [postId, slug, count] of [[1, 'avant', 50], [2, 'le-billet', COMMENTS], [3, 'apres', 50]] as const) {
    await write(`<item><title>${cdata(`Billet ${slug}`)}</title><link>https://bench.example.com/${slug}/</link><dc:creator>${cdata('marie')}</dc:creator>
<content:encoded>${cdata(`<p>${'Le corps du billet. '.repeat(200)}</p>`)}</content:encoded>
<wp:post_id>${postId}</wp:post_id><wp:post_date_gmt>${cdata('2025-01-01 08:00:00')}</wp:post_date_gmt><wp:post_name>${cdata(slug)}</wp:post_name><wp:post_type>${cdata('post')}</wp:post_type>\n`);
    for (let i = 1; i <= count; i++) {
      const id = postId * 100_000 + i;
      const parent = i % 3 === 0 ? id - 1 : 0;
      const mine = i % 10 === 0;
      await write(`<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>${cdata(mine ? 'Marie' : `Lecteur ${i % 200}`)}</wp:comment_author>
<wp:comment_author_email>${cdata(mine ? 'marie@bench.example.com' : `lecteur${i % 200}@example.org`)}</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url>
<wp:comment_date_gmt>${cdata(date(i))}</wp:comment_date_gmt><wp:comment_content>${cdata(`Commentaire n° ${i} &amp; une réponse d’une longueur ordinaire pour un fil de blog, qui dit ce que le lecteur pense du billet et de ses suites.\n\nDeuxième paragraphe, un peu plus long que le premier : le lecteur y revient sur ce qu’il a lu ailleurs et demande une précision.`)}</wp:comment_content>
<wp:comment_approved>${cdata('1')}</wp:comment_approved><wp:comment_type>${cdata('comment')}</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent><wp:comment_user_id>${mine ? 1 : 0}</wp:comment_user_id></wp:comment>\n`);
    }
    await write('</item>\n');
  }
  await write('</channel></rss>\n');
  out.end();
  await once(out, 'finish');
}

/** Peak resident set of a process, in MB (Linux: VmHWM). */
const peakRssMb = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

const wxr = join(dir, 'export.xml');
await writeWxr(wxr);
const port = await freePort();
const token = randomBytes(24).toString('hex');
// BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof': Node's flags for Calumet's API, as harness.ts gives them.
const nodeArgs = (process.env['BENCH_NODE_ARGS'] ?? '').split(/\s+/).filter(Boolean);
const child = spawn(process.execPath, [...nodeArgs, calumetMain()], {
  env: {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: process.env.BENCH_DATABASE_URL ?? `sqlite:${join(dir, 'calumet.sqlite')}`,
    REDIS_PREFIX: `calumet-bench-import-${port}`,
    CALUMET_ROLES: 'api',
    CALUMET_ADMIN_TOKEN: token,
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
try {
  const base = `http://127.0.0.1:${port}`;
  await untilHealthy(base);
  const headers = { authorization: `Bearer ${token}` };
  const incident = (await (await fetch(`${base}/api/incidents`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Import benchmark', severity: 'low' }) })).json()) as { id: string };
  const rssBefore = peakRssMb(child.pid!);
  const form = new FormData();
  form.set('incidentId', incident.id);
  form.set('post', 'le-billet');
  form.set('file', new Blob([readFileSync(wxr)], { type: 'application/xml' }), 'export.xml');
  const other = (await (await fetch(`${base}/api/incidents`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Writes during the import', severity: 'low' }) })).json()) as { id: string };
  const started = performance.now();
  let importing = true;
  const importDone = fetch(`${base}/api/imports/wordpress/wxr`, { method: 'POST', headers, body: form }).finally(() => (importing = false));
  // Single comments, one after another, and /health beside them, while the import runs.
  const acks: number[] = [];
  const health: number[] = [];
  const timed = async (into: number[], call: () => Promise<Response>) => {
    const t0 = performance.now();
    const answer = await call();
    await answer.arrayBuffer();
    if (!answer.ok) throw new Error(`answered ${answer.status} during the import`);
    into.push(performance.now() - t0);
  };
  const pace = () => new Promise((done) => setTimeout(done, PACE_MS));
  const writer = (async () => {
    for (let n = 0; importing; n++) {
      await timed(acks, () => fetch(`${base}/api/incidents/${other.id}/comments`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ direction: 'inbound', authorName: 'A bystander', body: `Comment ${n} written during the import.` }) }));
      await pace();
    }
  })();
  const prober = (async () => {
    while (importing) {
      await timed(health, () => fetch(`${base}/health`));
      await new Promise((done) => setTimeout(done, 20));
    }
  })();
  const response = await importDone;
  const seconds = (performance.now() - started) / 1000;
  const summary = await response.json();
  await Promise.all([writer, prober]);
  const spread = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { n: sorted.length, p50: Math.round(percentile(sorted, 0.5)), p99: Math.round(percentile(sorted, 0.99)), max: Math.round(sorted.at(-1) ?? 0) };
  };
  if (response.status !== 200) throw new Error(`import answered ${response.status}: ${JSON.stringify(summary)}`);
  const peak = peakRssMb(child.pid!);
  console.log(
    JSON.stringify(
      { comments: COMMENTS, paceMs: PACE_MS, fileMb: +(statSync(wxr).size / 1048576).toFixed(1), seconds: +seconds.toFixed(2), peakRssMb: Math.round(peak), rssBeforeMb: Math.round(rssBefore), commentAckMs: spread(acks), healthMs: spread(health), summary },
      null,
      2,
    ),
  );
  const p99 = spread(acks).p99;
  console.log(`import ${seconds.toFixed(1)} s; single comment during it: p99 ${p99} ms (${p99 < 1000 ? 'within' : 'OVER'} 1 s); ${peak < 300 ? 'within' : 'OVER'} 300 MB`);
} finally {
  child.kill('SIGTERM');
  await once(child, 'exit');
  rmSync(dir, { recursive: true, force: true });
}
