import { Injectable } from '@nestjs/common';
import { escapeHtml } from '../common/html-escape.js';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { AppConfig } from '../config/app-config.js';

/**
 * The switches every Chromium Calumet starts runs with: headless, no
 * background traffic of its own (updates, sync, QUIC), and no name resolved
 * by Chromium itself, so a request that escaped interception fails instead
 * of reaching the network.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-extensions',
  '--no-proxy-server',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

/** Starts a new Chromium process (with a new, empty profile) for one capture or one print, closed after: the captures' or the printing one (AppConfig). */
@Injectable()
export class BrowserLauncher {
  constructor(private readonly config: AppConfig) {}

  /** The captures' Chromium (CHROMIUM_PATH), named in each capture's manifest. */
  get executablePath(): string {
    return this.config.chromiumPath;
  }

  /**
   * Runs work in a new Chromium, the captures' (CHROMIUM_PATH). With `watch`, the resident memory of the
   * browser's processes (read from /proc, the browser and every process it
   * started) is read every 200 ms; past `maxRssMb` they are killed at once
   * and `onExceeded` told: the work then fails on a closed browser.
   */
  with<T>(work: (browser: Browser) => Promise<T>, watch?: BrowserWatch): Promise<T> {
    return this.run(this.config.chromiumPath, work, watch);
  }

  private async run<T>(executablePath: string, work: (browser: Browser) => Promise<T>, watch?: BrowserWatch): Promise<T> {
    // Loaded on first use: playwright-core adds ~90 MB of resident memory (~38 MB of heap) to a process that may never capture a page.
    const { chromium } = await import('playwright-core');
    if (!watch) {
      const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
      try {
        return await work(browser);
      } finally {
        await browser.close();
      }
    }
    // A capture's browser runs in a process of its own (Playwright's server and Chromium under it): what the page
    // costs, bodies handed over included, is counted there, and killed there past the limit.
    const host = await startBrowserHost(executablePath);
    const meter = new BrowserMeter(host.pid);
    const timer = setInterval(() => {
      const rssMb = meter.rssMb();
      if (rssMb <= watch.maxRssMb) return;
      clearInterval(timer);
      meter.kill();
      watch.onExceeded(rssMb);
    }, 200);
    try {
      const browser = await chromium.connect(host.wsEndpoint);
      try {
        return await work(browser);
      } finally {
        await browser.close().catch(() => undefined);
      }
    } finally {
      clearInterval(timer);
      watch.peakRssMb?.(meter.peakMb);
      meter.kill();
    }
  }

  /** Prints an HTML page to PDF in the printing Chromium (PRINT_CHROMIUM_PATH), with nothing fetched from anywhere: A4, page numbers in the footer. */
  async printPdf(html: string, footer: string): Promise<Buffer> {
    return this.run(this.config.printChromiumPath, async (browser) => {
      const context = await browser.newContext({ javaScriptEnabled: false, serviceWorkers: 'block' });
      await context.route('**/*', (route) => route.abort('blockedbyclient'));
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      return page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: `<div style="font-size:8px;width:100%;text-align:center;color:#555">${escapeHtml(footer)} — <span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
        margin: { top: '15mm', bottom: '18mm', left: '14mm', right: '14mm' },
      });
    });
  }
}

export interface BrowserWatch {
  maxRssMb: number;
  onExceeded: (rssMb: number) => void;
  /** Told the highest resident memory seen, once the browser is closed. */
  peakRssMb?: (mb: number) => void;
}

/** A process and its descendants (the browser host, Chromium and its helpers), and their resident memory, from /proc. */
export class BrowserMeter {
  peakMb = 0;

  constructor(private readonly root: number) {}

  /** Every process of the tree now. */
  pids(): number[] {
    const children = new Map<number, number[]>();
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      const stat = read(`/proc/${name}/stat`);
      if (!stat) continue;
      // pid (comm) state ppid …; comm may hold spaces and brackets.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    }
    if (!read(`/proc/${this.root}/stat`)) return [];
    const tree = [this.root];
    for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
    return tree;
  }

  /** The resident memory of the browser's processes together (shared pages counted once), in MB. */
  rssMb(): number {
    // The proportional share (Pss) of each process's resident set: the pages Chromium's processes share are counted once, not once each.
    const kb = this.pids().reduce((sum, pid) => sum + residentKb(pid), 0);
    const mb = Math.round(kb / 1024);
    this.peakMb = Math.max(this.peakMb, mb);
    return mb;
  }

  kill(): void {
    for (const pid of this.pids()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
  }
}

/**
 * The script of the browser host: Playwright's server, started on Chromium, its address on stdout; it ends when its parent does.
 * playwright-core is CommonJS, required: imported, Node first reads its whole bundle for the names it exports (0.8 CPU-s
 * to load it that way, 0.6 required; medians of five).
 */
const HOST_SCRIPT = `
import { createRequire } from 'node:module';
const { chromium } = createRequire(process.env.CALUMET_PLAYWRIGHT)(process.env.CALUMET_PLAYWRIGHT);
const server = await chromium.launchServer({ executablePath: process.env.CALUMET_CHROMIUM, headless: true, args: JSON.parse(process.env.CALUMET_CHROMIUM_ARGS) });
process.stdout.write(server.wsEndpoint() + '\\n');
process.stdin.on('end', () => server.close().finally(() => process.exit(0)));
process.stdin.resume();
`;

async function startBrowserHost(executablePath: string): Promise<{ pid: number; wsEndpoint: string }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', HOST_SCRIPT], {
    env: { ...process.env, NODE_OPTIONS: '', CALUMET_PLAYWRIGHT: createRequire(import.meta.url).resolve('playwright-core'), CALUMET_CHROMIUM: executablePath, CALUMET_CHROMIUM_ARGS: JSON.stringify(CHROMIUM_ARGS) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.unref();
  let out = '';
  const wsEndpoint = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!.trim());
    });
    child.once('exit', (code) => reject(new Error(`the browser host ended (${code}) before it started: ${out}`)));
    child.once('error', reject);
  });
  return { pid: child.pid!, wsEndpoint };
}

function residentKb(pid: number): number {
  const pss = /^Pss:\s+(\d+)/m.exec(read(`/proc/${pid}/smaps_rollup`) ?? '')?.[1];
  return Number(pss ?? /VmRSS:\s+(\d+)/.exec(read(`/proc/${pid}/status`) ?? '')?.[1] ?? 0);
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

