import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { arch, hostname, release, type } from 'node:os';
import { DateTime } from 'luxon';
import type { Request, Route } from 'playwright-core';
import { AppConfig } from '../../config/app-config.js';
import { FetchError } from '../../fetcher/fetch-error.js';
import { MAX_REDIRECTS, PageFetcher, type Exchange } from '../../fetcher/page-fetcher.js';
import { BrowserLauncher } from '../browser.js';
import type { PartRole } from '../evidence.entity.js';
import { renderCaptureReportHtml, type BlockedRequest, type CaptureReport, type RecordedRequest } from './capture-report.js';
import { WarcWriter } from './warc.js';

export const VIEWPORT = { width: 1280, height: 800 };
/** A page making more requests than this is cut short: the rest are blocked and noted. */
const MAX_REQUESTS = 500;
const REDIRECT = new Set([301, 302, 303, 307, 308]);
/** Request headers of the browser passed on; cookies and the like never are (the profile is empty anyway). */
const FORWARDED = ['user-agent', 'accept', 'accept-language', 'referer'];
/** Hop-by-hop headers, or headers Chromium recomputes from the body it is handed. */
const NOT_FULFILLED = new Set(['transfer-encoding', 'connection', 'keep-alive', 'content-length', 'content-encoding']);

export interface CapturedPart {
  name: string;
  role: Exclude<PartRole, 'manifest'>;
  contentType: string;
  bytes: Buffer;
}

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
}

const calumetVersion = (() => {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
})();
const playwrightVersion = (() => {
  const pkg = JSON.parse(readFileSync(new URL('../../../node_modules/playwright-core/package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
})();

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
    const started = new Date();
    const steps: CaptureReport['steps'] = [];
    const step = (text: string) => steps.push({ at: new Date().toISOString(), step: text });
    const recorded: Array<RecordedRequest & { exchange: Exchange }> = [];
    const blocked: BlockedRequest[] = [];
    const limits = { timeoutMs: this.config.fetchTimeoutMs, maxBytes: this.config.maxUploadBytes };
    const deadline = AbortSignal.timeout(this.config.captureTimeoutMs);

    const perform = async (url: string, method: 'GET' | 'HEAD', headers: Record<string, string>, resourceType: string): Promise<Exchange> => {
      let target = url;
      for (let hops = 0; ; hops++) {
        if (recorded.length >= MAX_REQUESTS) throw new FetchError('too_large', `the page made more than ${MAX_REQUESTS} requests`);
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
          exchange,
        });
        if (!next) return exchange;
        if (hops === MAX_REDIRECTS) throw new FetchError('too_many_redirects', `${url} redirects more than ${MAX_REDIRECTS} times`);
        target = next;
      }
    };

    step(`asked to capture ${request.url}`);
    const main = await perform(request.url, 'GET', {}, 'document');
    const finalUrl = main.url;
    step(`fetched ${request.url}${finalUrl === request.url ? '' : ` and followed ${recorded.length - 1} redirect(s) to ${finalUrl}`}: HTTP ${main.status}`);

    const result = await this.browsers.with(async (browser) => {
      step(`started ${browser.version()} headless with a new empty profile`);
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
        if (deadline.aborted) return refuse('the capture’s time limit was reached');
        if (method !== 'GET' && method !== 'HEAD') return refuse(`${method} requests are not sent: a capture only reads`);
        const headers = Object.fromEntries(Object.entries(browserRequest.headers()).filter(([name]) => FORWARDED.includes(name.toLowerCase())));
        try {
          return await route.fulfill(fulfilment(await perform(url, method, headers, resourceType)));
        } catch (error) {
          if (error instanceof FetchError) return refuse(error.message);
          throw error;
        }
      };
      await context.route('**/*', (route, browserRequest) => {
        const work = handle(route, browserRequest).catch(() => undefined);
        inFlight.add(work);
        void work.finally(() => inFlight.delete(work));
      });
      const page = await context.newPage();
      const userAgent = await page.evaluate<string>('navigator.userAgent');
      step(`opening ${finalUrl} in a ${VIEWPORT.width}×${VIEWPORT.height} window`);
      const response = await page.goto(finalUrl, { waitUntil: 'load', timeout: this.config.captureTimeoutMs });
      await page.waitForLoadState('networkidle', { timeout: Math.min(10_000, this.config.captureTimeoutMs) }).catch(() => undefined);
      while (inFlight.size) await Promise.all([...inFlight]);
      step('page loaded and its network quiet');
      const size = await page.evaluate<{ width: number; height: number }>(
        '({ width: Math.max(document.documentElement.scrollWidth, document.body ? document.body.scrollWidth : 0), height: Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0) })',
      );
      const screenshot = await page.screenshot({ fullPage: true, type: 'png' });
      step(`took a full-page screenshot (${size.width}×${size.height})`);
      const dom = Buffer.from(await page.content(), 'utf8');
      step('saved the rendered DOM');
      await page.emulateMedia({ media: 'screen' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      step('printed the page to PDF (A4)');
      await context.close();
      return { browserVersion: browser.version(), userAgent, size, screenshot, dom, pdf, status: response?.status() ?? main.status };
    });
    step('closed the browser; its profile is deleted');

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
        browser: `Chromium ${result.browserVersion}`,
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
      requests: recorded.map(({ exchange: _exchange, ...item }) => item),
      blocked,
      steps,
    };

    const warc = new WarcWriter('capture.warc', {
      software: `Calumet ${calumetVersion}; Chromium ${result.browserVersion}`,
      format: 'WARC File Format 1.1',
      conformsTo: 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/',
      'http-header-user-agent': result.userAgent,
      description: `capture of ${request.url} for evidence ${request.evidenceId}`,
    });
    for (const item of recorded) warc.exchange({ ...item.exchange, at: new Date(item.at) });
    const reportJson = Buffer.from(JSON.stringify(report, null, 2));
    warc.metadata(finalUrl, finished, 'application/json', reportJson);
    const headers = recorded.map(({ url, method, status, responseHeaders, remoteAddress }) => ({ url, method, status, remoteAddress, headers: responseHeaders }));

    return {
      finalUrl,
      httpStatus: main.status,
      report,
      parts: [
        { name: 'screenshot.png', role: 'screenshot', contentType: 'image/png', bytes: result.screenshot },
        { name: 'page.pdf', role: 'pdf', contentType: 'application/pdf', bytes: result.pdf },
        { name: 'dom.html', role: 'dom', contentType: 'text/html; charset=utf-8', bytes: result.dom },
        { name: `response${extensionOf(header(main, 'content-type'))}`, role: 'html', contentType: header(main, 'content-type') ?? 'application/octet-stream', bytes: main.body },
        { name: 'headers.json', role: 'headers', contentType: 'application/json', bytes: Buffer.from(JSON.stringify(headers, null, 2)) },
        { name: 'capture.warc', role: 'warc', contentType: 'application/warc', bytes: warc.toBuffer() },
        { name: 'report.json', role: 'report', contentType: 'application/json', bytes: reportJson },
        { name: 'report.html', role: 'report_html', contentType: 'text/html; charset=utf-8', bytes: Buffer.from(renderCaptureReportHtml(report)) },
      ],
    };
  }
}

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
