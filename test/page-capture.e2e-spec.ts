import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WARCParser } from 'warcio';
import { startApp, testDb, type TestApp } from './helpers/app.js';
import { CAPTURE_CHROMIUM } from '../src/config/app-config.js';
import { fixtures } from './helpers/incident-fixtures.js';
import { startSite, type Site } from './helpers/site.js';
import { waitFor } from './helpers/wait-for.js';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
// A 1×1 transparent PNG.
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const PAGE_HEIGHT = 1500;
const article = `<!doctype html><html><head><title>Beginners’ mistakes</title><script src="/app.js"></script></head>
<body style="margin:0"><div style="height:${PAGE_HEIGHT}px;overflow:hidden"><h1>Beginners’ mistakes</h1><p>The tweet of Small Co is an example.</p><img src="/pixel.png" alt="pixel"></div></body></html>`;

/** A server on another loopback address, which the guard must keep the browser away from. */
async function secretServer(): Promise<{ server: Server; url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((_, response) => {
    hits += 1;
    response.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' }).end('internal secret');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  const address = server.address() as { port: number };
  return { server, url: `http://127.0.0.2:${address.port}/secret`, hits: () => hits };
}

function unzip(zip: Buffer): { dir: string; files: Map<string, Buffer> } {
  const dir = mkdtempSync(join(tmpdir(), 'calumet-bundle-'));
  writeFileSync(join(dir, 'bundle.zip'), zip);
  execFileSync('unzip', ['-q', 'bundle.zip', '-d', 'out'], { cwd: dir });
  return { dir, files: new Map(readdirSync(join(dir, 'out')).map((name) => [name, readFileSync(join(dir, 'out', name))])) };
}

describe('page capture (browser)', () => {
  let t: TestApp;
  let site: Site;
  let secret: Awaited<ReturnType<typeof secretServer>>;
  let legal: { id: string; token: string };
  let incident: { id: string };
  const encodings: string[] = [];

  const capture = (url: string) => t.api(legal.token).post(`/api/incidents/${incident.id}/evidence`).send({ kind: 'page_capture', url });
  const bundle = async (id: string): Promise<Buffer> => {
    const response = await t
      .api(legal.token)
      .get(`/api/evidence/${id}/bundle`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect('content-type', 'application/zip')
      .expect('content-disposition', `attachment; filename*=UTF-8''evidence-${id}.zip`);
    return response.body as Buffer;
  };
  const settled = (id: string) =>
    waitFor(`capture ${id} to finish`, async () => {
      const { body } = await t.api(legal.token).get(`/api/evidence/${id}`).expect(200);
      return body.status === 'pending' ? null : body;
    }, 90_000, 250);

  beforeAll(async () => {
    site = await startSite();
    secret = await secretServer();
    const seen = (handler: Parameters<Site['route']>[1]): Parameters<Site['route']>[1] => (request, response) => {
      encodings.push(String(request.headers['accept-encoding']));
      handler(request, response);
    };
    site.route('/start', seen((_, response) => void response.writeHead(302, { location: '/article' }).end()));
    site.route('/article', seen((_, response) => void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-served-by': 'test-site' }).end(article)));
    site.route('/pixel.png', seen((_, response) => void response.writeHead(200, { 'content-type': 'image/png' }).end(PIXEL)));
    site.route('/app.js', seen((_, response) => void response.writeHead(200, { 'content-type': 'text/javascript' }).end("document.addEventListener('DOMContentLoaded', () => document.body.dataset.script = 'ran');")));
    site.route(
      '/leaky',
      seen((_, response) =>
        void response
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(`<!doctype html><html><body><p>leaky</p><script>fetch(${JSON.stringify(secret.url)}).then(r => r.text()).then(t => document.body.append(t), () => document.body.append('blocked'));</script></body></html>`),
      ),
    );
    // The guard is on: only the test site's address is let through, as an intranet site would be.
    t = await startApp({ CHROMIUM_PATH: CAPTURE_CHROMIUM, CALUMET_ROLES: 'api,worker', FETCH_ALLOW_PRIVATE: 'false', FETCH_ALLOW_ADDRESSES: '127.0.0.1', FETCH_TIMEOUT_MS: '5000' });
    legal = await t.createUser('legal', 'Maître Test');
    incident = await fixtures(t).incident();
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await site.close();
    await new Promise((resolve) => secret.server.close(resolve));
  });

  it('captures a page that redirects once, with its image and script: screenshot, PDF, DOM, headers, WARC, report and manifest, in one bundle whose hashes all hold', async () => {
    const asked = await capture(`${site.base}/start`).expect(202);
    expect(asked.body).toMatchObject({ kind: 'page_capture', status: 'pending', sourceUrl: `${site.base}/start`, parts: [] });
    const evidence = await settled(asked.body.id);
    expect(evidence).toMatchObject({ status: 'captured', finalUrl: `${site.base}/article`, httpStatus: 200, error: null });

    const { dir, files } = unzip(await bundle(evidence.id));
    // Kept for people to look at (gitignored): test-output/captures/<database>/.
    const kept = join('test-output', 'captures', testDb());
    mkdirSync(kept, { recursive: true });
    for (const [name, bytes] of files) writeFileSync(join(kept, name), bytes);
    try {
      expect([...files.keys()].sort()).toEqual(['capture.warc', 'dom.html', 'headers.json', 'manifest.json', 'page.pdf', 'report.html', 'report.json', 'response.html', 'screenshot.png']);

      // The manifest lists every other part with its hash; its own hash is the evidence's.
      const manifest = JSON.parse(files.get('manifest.json')!.toString());
      expect(sha256(files.get('manifest.json')!)).toBe(evidence.sha256);
      expect(manifest.parts.map((part: { name: string }) => part.name).sort()).toEqual([...files.keys()].filter((name) => name !== 'manifest.json').sort());
      for (const part of manifest.parts) expect({ name: part.name, sha256: sha256(files.get(part.name)!), size: files.get(part.name)!.length }).toEqual({ name: part.name, sha256: part.sha256, size: part.size });
      expect(evidence.parts.find((part: { role: string }) => part.role === 'manifest')).toMatchObject({ sha256: evidence.sha256, contentType: 'application/json' });
      // Taken in the browser itself (CHROMIUM_PATH's default, the production one), named with its version.
      expect(JSON.parse(files.get('report.json')!.toString()).software).toMatchObject({ browser: expect.stringMatching(/^Chromium \d+\./), browserExecutable: CAPTURE_CHROMIUM });

      // The screenshot is the whole page as rendered.
      const png = files.get('screenshot.png')!;
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({ width: 1280, height: PAGE_HEIGHT });
      expect(files.get('page.pdf')!.subarray(0, 5).toString()).toBe('%PDF-');
      expect(files.get('dom.html')!.toString()).toContain('data-script="ran"');
      expect(files.get('response.html')!.toString()).toBe(article);

      const headers = JSON.parse(files.get('headers.json')!.toString());
      expect(headers.map((h: { url: string; status: number }) => [h.url, h.status])).toEqual(
        expect.arrayContaining([[`${site.base}/start`, 302], [`${site.base}/article`, 200], [`${site.base}/pixel.png`, 200], [`${site.base}/app.js`, 200]]),
      );
      expect(headers.find((h: { url: string }) => h.url.endsWith('/article')).headers).toContainEqual(['x-served-by', 'test-site']);

      // The WARC reads back with warcio: each request and response, in the order of the spec's records.
      const records = [];
      for await (const record of WARCParser.iterRecords([new Uint8Array(files.get('capture.warc')!)])) {
        records.push({ type: record.warcType, uri: record.warcTargetURI, status: record.httpHeaders?.statusCode ?? null, ip: record.warcHeader('WARC-IP-Address'), body: record.warcType === 'response' ? await record.contentText() : null });
      }
      expect(records[0]).toMatchObject({ type: 'warcinfo' });
      expect(records.filter((r) => r.type === 'response').map((r) => [r.uri, Number(r.status)])).toEqual(
        expect.arrayContaining([[`${site.base}/start`, 302], [`${site.base}/article`, 200], [`${site.base}/pixel.png`, 200], [`${site.base}/app.js`, 200]]),
      );
      expect(records.filter((r) => r.type === 'request')).toHaveLength(records.filter((r) => r.type === 'response').length);
      expect(records.find((r) => r.uri === `${site.base}/article` && r.type === 'response')).toMatchObject({ ip: '127.0.0.1', body: article });
      expect(records.at(-1)).toMatchObject({ type: 'metadata' });

      const report = JSON.parse(files.get('report.json')!.toString());
      expect(report).toMatchObject({
        evidenceId: evidence.id,
        requestedUrl: `${site.base}/start`,
        finalUrl: `${site.base}/article`,
        httpStatus: 200,
        redirects: [{ from: `${site.base}/start`, status: 302, to: `${site.base}/article` }],
        requestedBy: { id: legal.id, name: 'Maître Test' },
        time: { timeZone: 'Europe/Paris' },
        browserSetup: { viewport: { width: 1280, height: 800 }, page: { width: 1280, height: PAGE_HEIGHT } },
        network: { dns: { '127.0.0.1': ['127.0.0.1'] }, certificate: null },
        blocked: [],
      });
      expect(report.software.browser).toMatch(/^Chromium \d+\./);
      expect(report.network.contacted[0]).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(files.get('report.html')!.toString()).toContain('Rapport de capture de page web');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never lets Chromium reach the site itself: every request the site saw came from Calumet’s fetcher', () => {
    expect(encodings).toHaveLength(4);
    // Chromium asks for gzip, deflate, br; the fetcher for identity only.
    expect(new Set(encodings)).toEqual(new Set(['identity']));
  });

  it('blocks a request of the page to a loopback address and says so in the report', async () => {
    const asked = await capture(`${site.base}/leaky`).expect(202);
    const evidence = await settled(asked.body.id);
    expect(evidence.status).toBe('captured');
    const { dir, files } = unzip(await bundle(evidence.id));
    try {
      const captured = JSON.parse(files.get('report.json')!.toString());
      expect(captured.blocked).toEqual([expect.objectContaining({ url: secret.url, method: 'GET', reason: expect.stringContaining('127.0.0.2 is in the loopback range') })]);
      expect(files.get('dom.html')!.toString()).toContain('blocked');
      expect(secret.hits()).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['a private address', 'http://10.0.0.1/', '10.0.0.1 is in the private range'],
    ['another loopback address', 'http://127.0.0.3:8080/', '127.0.0.3 is in the loopback range'],
  ])('refuses to capture %s', async (_, url, message) => {
    const response = await capture(url).expect(400);
    expect(response.body.message).toEqual([expect.stringContaining(message)]);
  });

  it('names the url when it is missing', async () => {
    const response = await t.api(legal.token).post(`/api/incidents/${incident.id}/evidence`).send({ kind: 'page_capture' }).expect(400);
    expect(response.body.message).toEqual(['url must be an http or https URL']);
  });
});
