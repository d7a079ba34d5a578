import { chromium } from 'playwright-core';
import fs from 'node:fs';
const [,, stepFile, user, locale = 'fr-FR', width = '390', height = '844'] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', `--lang=${locale}`] });
const statePath = `/tmp/walk-steps/state-${user}.json`;
const ctx = await browser.newContext({ locale, viewport: { width: +width, height: +height }, ...(fs.existsSync(statePath) ? { storageState: statePath } : {}) });
const page = await ctx.newPage();
const log = [];
page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') log.push(`[console.${m.type()}] ${m.text()} @ ${page.url()}`); });
page.on('pageerror', e => log.push(`[pageerror] ${e.message}`));
page.on('response', r => { if (r.status() >= 400) log.push(`[http ${r.status()}] ${r.request().method()} ${r.url()}`); });
const base = 'http://127.0.0.1:3917';
const shot = async (name) => { await page.screenshot({ path: `/tmp/walk-shots/${name}.png`, fullPage: true }); console.log('shot', name); };
const hscroll = async () => page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
const text = async (sel = 'main') => (await page.locator(sel).first().innerText().catch(() => page.locator('body').innerText()));
const info = async (label) => { const h = await hscroll(); console.log(`== ${label} url=${page.url()} title=${JSON.stringify(await page.title())} scroll=${h.sw}/${h.cw}`); };
try {
  const mod = await import(stepFile);
  await mod.default({ page, ctx, base, shot, info, text, hscroll, log });
} catch (e) { console.log('STEP ERROR', e.message); await page.screenshot({ path: `/tmp/walk-shots/error-${Date.now()}.png`, fullPage: true }).catch(()=>{}); }
await ctx.storageState({ path: statePath });
console.log(log.join('\n'));
await browser.close();
