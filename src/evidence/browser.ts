import { Injectable } from '@nestjs/common';
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

/** Starts a new Chromium process (with a new, empty profile) for one capture or one print, closed after. */
@Injectable()
export class BrowserLauncher {
  constructor(private readonly config: AppConfig) {}

  get executablePath(): string {
    return this.config.chromiumPath;
  }

  async with<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
    // Loaded on first use: playwright-core adds ~90 MB of resident memory (~38 MB of heap) to a process that may never capture a page.
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: this.config.chromiumPath, headless: true, args: CHROMIUM_ARGS });
    try {
      return await work(browser);
    } finally {
      await browser.close();
    }
  }

  /** Prints an HTML page to PDF, with nothing fetched from anywhere: A4, page numbers in the footer. */
  async printPdf(html: string, footer: string): Promise<Buffer> {
    return this.with(async (browser) => {
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

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
