import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, hostname, release, tmpdir, type } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DateTime } from 'luxon';
import type { Request, Route } from 'playwright-core';
import { AppConfig } from '../../config/app-config.js';
import { FetchError } from '../../fetcher/fetch-error.js';
import { MAX_REDIRECTS, PageFetcher, type ByteBudget, type Exchange } from '../../fetcher/page-fetcher.js';
import { BrowserLauncher } from '../browser.js';
import type { PartRole } from '../evidence.entity.js';
import { renderCaptureReportHtml, type BlockedRequest, type CaptureCut, type CaptureReport, type RecordedRequest } from './capture-report.js';
import { WarcWriter } from './warc.js';

export const VIEWPORT = { width: 1280, height: 800 };
/** A page making more requests than this is cut short: the rest are blocked and noted. */
const MAX_REQUESTS = 500;
/** Requests of the page fetched at once (as a browser does per host): the bodies in memory at a time are theirs. */
const IN_FLIGHT = 2;
/** A body this large is handed to Chromium alone. */
const LARGE_BODY = 1024 * 1024;
const REDIRECT = new Set([301, 302, 303, 307, 308]);
/** Request headers of the browser passed on; cookies and the like never are (the profile is empty anyway). */
const FORWARDED = ['user-agent', 'accept', 'accept-language', 'referer'];
/** Hop-by-hop headers, or headers Chromium recomputes from the body it is handed. */
const NOT_FULFILLED = new Set(['transfer-encoding', 'connection', 'keep-alive', 'content-length', 'content-encoding']);

export type CapturedPart = {
  name: string;
  role: Exclude<PartRole, 'manifest'>;
  contentType: string;
} & ({ bytes: Buffer } | { path: string });

export interface PageCaptureRequest {
  evidenceId: string;
  incidentId: string;
  url: string;
  requestedBy: CaptureReport['requestedBy'];
}

export interface PageCaptureResult {
  finalUrl: string;
  httpStatus: number;
  report: CaptureReport;
  parts: CapturedPart[];
  /** Removes the capture's temporary files (the WARC), once its parts are stored. */
  cleanup: () => void;
}

/** The version in Calumet's package.json: the nearest one above this file, in src/, dist/ or dist/bundle/ alike. */
const calumetVersion = (() => {
  for (let dir = new URL('.', import.meta.url); ; dir = new URL('..', dir)) {
    const file = new URL('package.json', dir);
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    if (dir.pathname === '/') throw new Error('no package.json above ' + import.meta.url);
  }
})();
const playwrightVersion = (JSON.parse(readFileSync(createRequire(import.meta.url).resolve('playwright-core/package.json'), 'utf8')) as { version: string }).version;

function osName(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? type();
  } catch {
    return type();
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Captures a page as a reader sees it, in a new headless Chromium with an
 * empty profile. Chromium never touches the network: every request it makes
 * is intercepted and performed by the guarded fetcher (same address policy,
 * time and size caps), recorded, and handed back; a refused one is aborted
 * and noted. Redirects are followed by the fetcher, each hop checked and
 * recorded, and the page is opened at its final URL.
 */
@Injectable()
export class PageCapture {
  constructor(
    private readonly config: AppConfig,
    private readonly fetcher: PageFetcher,
    private readonly browsers: BrowserLauncher,
  ) {}

  async capture(request: PageCaptureRequest): Promise<PageCaptureResult> {
    const dir = mkdtempSync(join(tmpdir(), 'calumet-capture-'));
    const cleanup = () => rmSync(dir, { recursive: true, force: true });
    try {
      return { ...(await this.captureInto(request, dir)), cleanup };
    } catch (error) {
      cleanup();
      throw error;
    }
  }

  /**
   * The capture, within its budget: CAPTURE_MAX_BYTES fetched by all its
   * requests together, CAPTURE_MAX_MS, and CAPTURE_MAX_RSS_MB of browser
   * memory. The first limit reached cuts the capture: no request is made
   * after it (a memory cut kills the browser too), what was captured is
   * kept, and the report says it was cut, when and why. Each response goes to
   * the WARC on disk as it comes; memory holds the bodies in flight only.
   */
  private async captureInto(request: PageCaptureRequest, dir: string): Promise<Omit<PageCaptureResult, 'cleanup'>> {
    const started = new Date();
    const steps: CaptureReport['steps'] = [];
    const step = (text: string) => steps.push({ at: new Date().toISOString(), step: text });
    const recorded: RecordedRequest[] = [];
    const blocked: BlockedRequest[] = [];
    const maxBytes = this.config.captureMaxBytes;
    const maxMs = this.config.captureTimeoutMs;
    const stop = new AbortController();
    let cut: CaptureCut | null = null;
    const cutBy = (reason: CaptureCut['reason'], detail: string) => {
      if (cut) return;
      cut = { reason, detail, at: new Date().toISOString() };
      step(`capture cut: ${detail}`);
      stop.abort();
    };
    let fetched = 0;
    const budget: ByteBudget = {
      description: `the capture’s budget of ${maxBytes} bytes (CAPTURE_MAX_BYTES) is spent`,
      take: (bytes) => {
        if (cut) return false;
        fetched += bytes;
        if (fetched <= maxBytes) return true;
        cutBy('bytes', `the page’s requests reached ${maxBytes} bytes together (CAPTURE_MAX_BYTES)`);
        return false;
      },
    };
    const clock = setTimeout(() => cutBy('time', `the capture reached ${maxMs} ms (CAPTURE_MAX_MS)`), maxMs);
    const limits = { timeoutMs: this.config.fetchTimeoutMs, maxBytes: this.config.maxUploadBytes, budget, signal: stop.signal };
    const warcPath = join(dir, 'capture.warc');
    let browserVersion = 'unknown';
    const warc = new WarcWriter(
      'capture.warc',
      {
        software: `Calumet ${calumetVersion}`,
        format: 'WARC File Format 1.1',
        conformsTo: 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/',
        description: `capture of ${request.url} for evidence ${request.evidenceId}`,
      },
      warcPath,
    );
    let peakBrowserRssMb = 0;

    let handingOver: Promise<void> = Promise.resolve();
    const handing = async () => {
      const before = handingOver;
      let release!: () => void;
      handingOver = new Promise<void>((done) => (release = done));
      await before;
      return release;
    };
    let running = 0;
    const waiting: Array<() => void> = [];
    const slot = async () => {
      while (running >= IN_FLIGHT) await new Promise<void>((done) => waiting.push(done));
      running += 1;
      return () => {
        running -= 1;
        waiting.shift()?.();
      };
    };
    const perform = async (url: string, method: 'GET' | 'HEAD', headers: Record<string, string>, resourceType: string): Promise<Exchange> => {
      const release = await slot();
      try {
        return await performNow(url, method, headers, resourceType);
      } finally {
        release();
      }
    };
    const performNow = async (url: string, method: 'GET' | 'HEAD', headers: Record<string, string>, resourceType: string): Promise<Exchange> => {
      let target = url;
      for (let hops = 0; ; hops++) {
        if (recorded.length >= MAX_REQUESTS) {
          cutBy('requests', `the page made more than ${MAX_REQUESTS} requests`);
          throw new FetchError('too_large', `the page made more than ${MAX_REQUESTS} requests`);
        }
        const at = new Date().toISOString();
        const exchange = await this.fetcher.exchange(target, { method, headers }, limits);
        const location = REDIRECT.has(exchange.status) ? header(exchange, 'location') : null;
        const next = location ? new URL(location, target).href : null;
        recorded.push({
          at,
          url: target,
          method,
          resourceType,
          status: exchange.status,
          location: next,
          responseHeaders: exchange.responseHeaders,
          size: exchange.body.length,
          sha256: sha256(exchange.body),
          dnsAnswers: exchange.dnsAnswers,
          remoteAddress: exchange.remoteAddress,
          remotePort: exchange.remotePort,
          tlsProtocol: exchange.tlsProtocol,
          certificate: exchange.certificate,
        });
        warc.exchange({ ...exchange, at: new Date(at) });
        if (!next) return exchange;
        if (hops === MAX_REDIRECTS) throw new FetchError('too_many_redirects', `${url} redirects more than ${MAX_REDIRECTS} times`);
        target = next;
      }
    };

    try {
      step(`asked to capture ${request.url}`);
      const main = await perform(request.url, 'GET', {}, 'document');
      const finalUrl = main.url;
      step(`fetched ${request.url}${finalUrl === request.url ? '' : ` and followed ${recorded.length - 1} redirect(s) to ${finalUrl}`}: HTTP ${main.status}`);

      type Shot = { userAgent: string; size: { width: number; height: number }; screenshot?: Buffer; dom?: Buffer; pdf?: Buffer; status: number };
      const shot: Shot = { userAgent: 'unknown', size: { width: 0, height: 0 }, status: main.status };
      const watch = {
        maxRssMb: this.config.captureMaxRssMb,
        onExceeded: (rssMb: number) => cutBy('memory', `the browser’s processes reached ${rssMb} MB resident (CAPTURE_MAX_RSS_MB ${this.config.captureMaxRssMb}): the browser was killed`),
        peakRssMb: (mb: number) => (peakBrowserRssMb = mb),
      };
      try {
        await this.browsers.with(async (browser) => {
          browserVersion = browser.version();
          step(`started ${browserVersion} headless with a new empty profile`);
          const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, serviceWorkers: 'block', acceptDownloads: false, locale: 'fr-FR', timezoneId: this.config.timeZone });
          let primed: Exchange | null = main;
          const inFlight = new Set<Promise<void>>();
          const handle = async (route: Route, browserRequest: Request) => {
            const url = browserRequest.url();
            const method = browserRequest.method();
            const resourceType = browserRequest.resourceType();
            if (primed && browserRequest.isNavigationRequest() && url === finalUrl) {
              const exchange = primed;
              primed = null;
              return route.fulfill(fulfilment(exchange));
            }
            const refuse = (reason: string) => {
              blocked.push({ at: new Date().toISOString(), url, method, resourceType, reason });
              return route.abort('blockedbyclient');
            };
            if (cut) return refuse(`not fetched: ${(cut as CaptureCut).detail}`);
            if (method !== 'GET' && method !== 'HEAD') return refuse(`${method} requests are not sent: a capture only reads`);
            const headers = Object.fromEntries(Object.entries(browserRequest.headers()).filter(([name]) => FORWARDED.includes(name.toLowerCase())));
            try {
              const exchange = await perform(url, method, headers, resourceType);
              if (exchange.body.length < LARGE_BODY) return await route.fulfill(fulfilment(exchange));
              // Handing a body to Chromium copies it a few times over (base64, protocol messages) in this process: large ones go one at a time.
              const release = await handing();
              try {
                return await route.fulfill(fulfilment(exchange));
              } finally {
                // Its copies are garbage now: collected at once rather than left to pile up with the next ones'.
                collectGarbage();
                release();
              }
            } catch (error) {
              if (error instanceof FetchError) return refuse(cut ? `not fetched whole: ${(cut as CaptureCut).detail}` : error.message);
              throw error;
            }
          };
          await context.route('**/*', (route, browserRequest) => {
            const work = handle(route, browserRequest).catch(() => undefined);
            inFlight.add(work);
            void work.finally(() => inFlight.delete(work));
          });
          const page = await context.newPage();
          shot.userAgent = await page.evaluate<string>('navigator.userAgent');
          step(`opening ${finalUrl} in a ${VIEWPORT.width}×${VIEWPORT.height} window`);
          const left = () => Math.max(1000, maxMs - (Date.now() - started.getTime()));
          // A cut ends the waiting: the page is taken as it stands.
          const untilCut = new Promise<void>((done) => (stop.signal.aborted ? done() : stop.signal.addEventListener('abort', () => done(), { once: true })));
          const response = await Promise.race([page.goto(finalUrl, { waitUntil: 'load', timeout: left() }).catch((error: unknown) => (cut ? null : Promise.reject(error))), untilCut.then(() => null)]);
          if (!cut) await Promise.race([page.waitForLoadState('networkidle', { timeout: Math.min(10_000, left()) }).catch(() => undefined), untilCut]);
          await Promise.race([(async () => { while (inFlight.size) await Promise.all([...inFlight]); })(), untilCut]);
          step(cut ? 'taking the page as it stands' : 'page loaded and its network quiet');
          shot.status = response?.status() ?? main.status;
          // Once cut, each of the last steps has a few seconds, not the capture's whole time.
          const finishing = cut ? 5_000 : left();
          shot.size = await page.evaluate<{ width: number; height: number }>(
            '({ width: Math.max(document.documentElement.scrollWidth, document.body ? document.body.scrollWidth : 0), height: Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0) })',
          );
          shot.screenshot = await page.screenshot({ fullPage: true, type: 'png', timeout: finishing });
          step(`took a full-page screenshot (${shot.size.width}×${shot.size.height})`);
          shot.dom = Buffer.from(await page.content(), 'utf8');
          step('saved the rendered DOM');
          await page.emulateMedia({ media: 'screen' });
          shot.pdf = await page.pdf({ format: 'A4', printBackground: true, timeout: finishing } as Parameters<typeof page.pdf>[0]);
          step('printed the page to PDF (A4)');
          await context.close();
        }, watch);
        step('closed the browser; its profile is deleted');
      } catch (error) {
        if (!cut) throw error;
        step(`the browser stopped before the capture was complete (${((error as Error).message.split('\n')[0] ?? '').replace(/^(?:[\w.]+: )+/, '')}); what was captured is kept`);
      }
      clearTimeout(clock);
      return this.finish(request, { started, steps, recorded, blocked, cut, main, finalUrl, shot, browserVersion, warc, warcPath, fetched, peakBrowserRssMb });
    } finally {
      clearTimeout(clock);
      warc.close();
    }
  }

  private finish(
    request: PageCaptureRequest,
    c: {
      started: Date;
      steps: CaptureReport['steps'];
      recorded: RecordedRequest[];
      blocked: BlockedRequest[];
      cut: CaptureCut | null;
      main: Exchange;
      finalUrl: string;
      shot: { userAgent: string; size: { width: number; height: number }; screenshot?: Buffer; dom?: Buffer; pdf?: Buffer; status: number };
      browserVersion: string;
      warc: WarcWriter;
      warcPath: string;
      fetched: number;
      peakBrowserRssMb: number;
    },
  ): Omit<PageCaptureResult, 'cleanup'> {
    const { started, steps, recorded, blocked, main, finalUrl, shot: result, warc } = c;
    const limits = { timeoutMs: this.config.fetchTimeoutMs, maxBytes: this.config.maxUploadBytes };
    const finished = new Date();
    const local = (date: Date) => DateTime.fromJSDate(date, { zone: this.config.timeZone }).toISO()!;
    const dns: Record<string, string[]> = {};
    for (const item of recorded) dns[new URL(item.url).hostname] = [...new Set([...(dns[new URL(item.url).hostname] ?? []), ...item.dnsAnswers])];
    const report: CaptureReport = {
      evidenceId: request.evidenceId,
      incidentId: request.incidentId,
      requestedBy: request.requestedBy,
      requestedUrl: request.url,
      finalUrl,
      httpStatus: main.status,
      redirects: recorded.filter((item) => item.resourceType === 'document' && item.location).map((item) => ({ from: item.url, status: item.status, to: item.location! })),
      time: {
        startedAt: started.toISOString(),
        finishedAt: finished.toISOString(),
        timeZone: this.config.timeZone,
        startedAtLocal: local(started),
        finishedAtLocal: local(finished),
        source: 'the system clock of the Calumet worker; its synchronisation (NTP) is not independently verified by Calumet',
      },
      software: {
        calumet: calumetVersion,
        browser: `Chromium ${c.browserVersion}`,
        browserExecutable: this.browsers.executablePath,
        userAgent: result.userAgent,
        node: process.version,
        playwright: `playwright-core ${playwrightVersion}`,
      },
      system: { os: osName(), kernel: `${type()} ${release()}`, arch: arch(), hostname: hostname() },
      browserSetup: {
        profile: 'new and empty: a temporary user-data directory made for this capture alone, deleted after',
        cache: 'empty (new profile)',
        cookies: 'none (new profile; no cookie sent)',
        extensions: 'none (--disable-extensions; a new profile has none)',
        proxy: 'none (--no-proxy-server); Chromium resolves no name itself (--host-resolver-rules): every request goes through Calumet’s fetcher',
        serviceWorkers: 'blocked',
        viewport: VIEWPORT,
        page: result.size,
        deviceScaleFactor: 1,
        locale: 'fr-FR',
      },
      network: {
        policy: this.config.fetchAllowPrivate
          ? 'FETCH_ALLOW_PRIVATE is on: private and loopback addresses were allowed'
          : `only public addresses${this.config.fetchAllowAddresses.length ? `, and ${this.config.fetchAllowAddresses.join(', ')} (FETCH_ALLOW_ADDRESSES)` : ''}; each request capped at ${limits.timeoutMs} ms and ${limits.maxBytes} bytes`,
        dns,
        contacted: [...new Set(recorded.map((item) => `${item.remoteAddress}:${item.remotePort}`))],
        certificate: recorded.find((item) => item.url === finalUrl)?.certificate ?? null,
      },
      requests: recorded,
      blocked,
      steps,
      budget: {
        maxBytes: this.config.captureMaxBytes,
        maxMs: this.config.captureTimeoutMs,
        maxBrowserRssMb: this.config.captureMaxRssMb,
        bytesFetched: c.fetched,
        peakBrowserRssMb: c.peakBrowserRssMb,
      },
      cut: c.cut,
    };

    const reportJson = Buffer.from(JSON.stringify(report, null, 2));
    warc.metadata(finalUrl, finished, 'application/json', reportJson);
    const headers = recorded.map(({ url, method, status, responseHeaders, remoteAddress }) => ({ url, method, status, remoteAddress, headers: responseHeaders }));

    return {
      finalUrl,
      httpStatus: main.status,
      report,
      parts: [
        ...(result.screenshot ? [{ name: 'screenshot.png', role: 'screenshot' as const, contentType: 'image/png', bytes: result.screenshot }] : []),
        ...(result.pdf ? [{ name: 'page.pdf', role: 'pdf' as const, contentType: 'application/pdf', bytes: result.pdf }] : []),
        ...(result.dom ? [{ name: 'dom.html', role: 'dom' as const, contentType: 'text/html; charset=utf-8', bytes: result.dom }] : []),
        { name: `response${extensionOf(header(main, 'content-type'))}`, role: 'html', contentType: header(main, 'content-type') ?? 'application/octet-stream', bytes: main.body },
        { name: 'headers.json', role: 'headers', contentType: 'application/json', bytes: Buffer.from(JSON.stringify(headers, null, 2)) },
        { name: 'capture.warc', role: 'warc', contentType: 'application/warc', path: c.warcPath },
        { name: 'report.json', role: 'report', contentType: 'application/json', bytes: reportJson },
        { name: 'report.html', role: 'report_html', contentType: 'text/html; charset=utf-8', bytes: Buffer.from(renderCaptureReportHtml(report)) },
      ],
    };
  }
}

/**
 * A full garbage collection, asked for after a large body was handed to
 * Chromium: V8 otherwise leaves its base64 copies (tens of MB each) in the
 * old generation for a while, and a page of large images would pile them
 * up past the process's memory limit.
 */
const collectGarbage: () => void = (() => {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return () => undefined;
  }
})();

const header = (exchange: Exchange, name: string): string | null => exchange.responseHeaders.find(([key]) => key.toLowerCase() === name)?.[1] ?? null;

function extensionOf(contentType: string | null): string {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return '.html';
  if (type === 'application/pdf') return '.pdf';
  if (type === 'application/json') return '.json';
  if (type?.startsWith('text/')) return '.txt';
  return '.bin';
}

function fulfilment(exchange: Exchange): { status: number; headers: Record<string, string>; body: Buffer } {
  const headers: Record<string, string> = {};
  for (const [name, value] of exchange.responseHeaders) {
    const key = name.toLowerCase();
    if (NOT_FULFILLED.has(key)) continue;
    headers[key] = headers[key] === undefined ? value : `${headers[key]}${key === 'set-cookie' ? '\n' : ', '}${value}`;
  }
  return { status: exchange.status, headers, body: exchange.body };
}
