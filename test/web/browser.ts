import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Page, type Request, type Response } from 'playwright-core';
import { HEADLESS_SHELL } from '../../src/config/app-config.js';
import { testDb, type TestApp } from '../helpers/app.js';
import { AXE_PATH } from '../helpers/axe.js';

const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots');
/** Screenshots are for people to look at: not in CI (about a tenth of a browser test's time), unless asked for. */
const SCREENSHOTS_TAKEN = process.env.CI !== 'true' || process.env.CALUMET_SCREENSHOTS === '1';
const WIDTHS = [1280, 390];
/**
 * The desk's reader: Debian's Chromium built as the headless shell (the
 * package chromium-headless-shell, what Playwright itself runs headless),
 * the same Blink as /usr/bin/chromium without the desktop browser around it:
 * a quarter less CPU for a walk. The app prints its PDFs in it too (its
 * PRINT_CHROMIUM_PATH default), and takes in it the captures a walk makes
 * along the way (startApp's CHROMIUM_PATH); the capture's own tests take
 * theirs in the production default (CAPTURE_CHROMIUM).
 */
export const DESK_CHROMIUM = HEADLESS_SHELL;

/**
 * Runs in the page: the words of table cells wider than the room their cell
 * gives them (a column squeezed to a letter a line). Every word is measured
 * in one layout: all the probes are laid out together, then read.
 */
const SQUEEZED = `(() => {
  const probes = [...document.querySelectorAll('td, th')].filter((cell) => cell.offsetParent !== null).flatMap((cell) => {
    const style = getComputedStyle(cell);
    const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    const seen = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!node.parentElement.closest('.visually-hidden, select')) seen.push(node.textContent);
    return seen.join(' ').split(/\\s+/).filter((word) => word.length > 1 && word.length <= 20).map((word) => {
      const probe = document.createElement('span');
      probe.textContent = word;
      probe.style.whiteSpace = 'nowrap';
      probe.style.position = 'absolute';
      probe.style.font = style.font;
      return { cell, word, room, probe };
    });
  });
  const box = document.createElement('div');
  box.append(...probes.map((entry) => entry.probe));
  document.body.append(box);
  const squeezed = probes.filter((entry) => entry.probe.getBoundingClientRect().width > entry.room + 0.5).map((entry) => entry.cell.tagName.toLowerCase() + ': ' + entry.word);
  box.remove();
  return squeezed.slice(0, 10);
})()`;

/**
 * Runs in the page: the text fields whose value is cut off (wider than the
 * field) although the field stops short of the edge of the box its
 * labelled paragraph sits in, with nothing beside it: room left unused.
 */
const CLIPPED = `[...document.querySelectorAll('input[type="text"], input[type="email"], input[type="url"], input:not([type])')]
  .filter((field) => field.offsetParent !== null && field.value && field.scrollWidth > field.clientWidth + 1)
  .filter((field) => {
    // Room left unused: the box holding the field's paragraph (its form's fields) goes on past it, and nothing stands beside it on its line.
    const box = field.parentElement.parentElement;
    const style = getComputedStyle(box);
    const right = box.getBoundingClientRect().right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
    const rect = field.getBoundingClientRect();
    if (rect.right >= right - 8) return false;
    return ![...box.querySelectorAll('input, select, textarea, button, label')].some((other) => {
      const beside = other.getBoundingClientRect();
      return other !== field && beside.width > 0 && beside.left >= rect.right - 1 && beside.top < rect.bottom && beside.bottom > rect.top;
    });
  })
  .map((field) => (field.id || field.name) + ': ' + field.value.slice(0, 60))`;

/** A refusal a step expects (a form refused in place answers 4xx, and Chromium says so on its console). */
interface Expected {
  status: number;
  path: RegExp;
  seen: boolean;
}

/**
 * Debian's Chromium (DESK_CHROMIUM) on the app's HTTP server, watching every page for
 * script errors, console errors and failed requests (but the refusals a
 * step says it expects).
 */
export class DeskBrowser {
  readonly problems: string[] = [];
  private readonly expected: Expected[] = [];

  private constructor(
    private readonly browser: Browser,
    readonly base: string,
  ) {}

  static async open(t: TestApp): Promise<DeskBrowser> {
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const browser = await chromium.launch({
      executablePath: DESK_CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
    return new DeskBrowser(browser, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  /** A page in a context of its own; `javaScript: false` for the desk as a browser without it sees it. */
  async page(locale: string, options: { javaScript?: boolean } = {}): Promise<Page> {
    const context = await this.browser.newContext({ locale, viewport: { width: 1280, height: 900 }, javaScriptEnabled: options.javaScript ?? true });
    // What the page's Content-Security-Policy refuses (an inline style set by a script, say) is a problem too: Chromium reports it as an event, not on the console.
    await context.exposeBinding('calumetRefusedByCsp', (_, text: string) => void this.problems.push(`CSP refused: ${text}`));
    await context.addInitScript(
      `document.addEventListener('securitypolicyviolation', (event) => window.calumetRefusedByCsp(event.violatedDirective + ' ' + (event.blockedURI || '') + ' at ' + event.sourceFile + ':' + event.lineNumber + ' on ' + location.pathname))`,
    );
    const page = await context.newPage();
    page.on('pageerror', (error) => this.problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() < 400) return;
      const expected = this.expected.find((entry) => !entry.seen && entry.status === response.status() && entry.path.test(new URL(response.url()).pathname));
      if (expected) expected.seen = true;
      else this.problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const refusal = /^Failed to load resource: the server responded with a status of (\d+)/.exec(message.text());
      const url = message.location().url;
      if (refusal && url && this.expected.some((entry) => entry.status === Number(refusal[1]) && entry.path.test(new URL(url).pathname))) return;
      this.problems.push(`console: ${message.text()}`);
    });
    return page;
  }

  /** The next answer of this status to this path is the step's own (a form refused in place). */
  expectRefusal(status: number, path: RegExp): void {
    this.expected.push({ status, path, seen: false });
  }

  /** The refusals expected and not seen; forgets them all. */
  unseenRefusals(): string[] {
    const unseen = this.expected.filter((entry) => !entry.seen).map((entry) => `${entry.status} ${entry.path}`);
    this.expected.splice(0);
    return unseen;
  }

  /**
   * Clicks a form's button and waits for the page it leads to (htmx answers a done form with a redirect or a reload).
   * When none comes, the error says whether the click was made (it gives up first, with Playwright's account of why)
   * and what the page asked and was answered after it: a stall seen once in many runs is explained by that one.
   */
  async submitted(page: Page, selector: string): Promise<void> {
    const began = Date.now();
    const seen: string[] = [];
    const note = (what: string) => void seen.push(`+${Date.now() - began} ms ${what}`);
    const request = (asked: Request) => note(`${asked.method()} ${asked.url()}`);
    const response = (answer: Response) => note(`${answer.status()} ${answer.url()}`);
    const failed = (asked: Request) => note(`failed ${asked.url()}: ${asked.failure()?.errorText ?? ''}`);
    const navigated = (frame: Frame) => frame === page.mainFrame() && note(`navigated to ${frame.url()}`);
    page.on('request', request).on('response', response).on('requestfailed', failed).on('framenavigated', navigated);
    try {
      await Promise.all([
        page.waitForEvent('load', { timeout: 30_000 }),
        page.click(selector, { timeout: 20_000 }).then(() => note('clicked')),
      ]);
    } catch (error) {
      // The form as it is now: a field the browser holds invalid stops htmx's request without a word.
      type Field = { id: string; name: string; willValidate: boolean; validationMessage: string; checkValidity(): boolean };
      const form = await page
        .locator(selector)
        .evaluate((button) => {
          const owner = (button as unknown as { form: { id: string; elements: ArrayLike<Field> } | null }).form;
          if (!owner) return 'the button is in no form';
          const invalid = Array.from(owner.elements).filter((field) => field.willValidate && !field.checkValidity());
          return `form${owner.id ? ` #${owner.id}` : ''}: ${invalid.map((field) => `${field.id || field.name} invalid (${field.validationMessage})`).join(', ') || 'every field valid'}`;
        }, undefined, { timeout: 2_000 })
        .catch((reason: unknown) => `the button is gone (${String(reason).split('\n')[0]})`);
      throw new Error(`no page after the click on ${selector}: ${String(error)}\n${seen.join('\n')}\n${form}`, { cause: error });
    } finally {
      page.off('request', request).off('response', response).off('requestfailed', failed).off('framenavigated', navigated);
    }
  }

  /**
   * Waits until the page is at `url`. When it does not come, the error says where the page is and what it says: a
   * sign-in that did not reach Today within 30 s was seen twice in many runs, its page unknown.
   */
  async landedOn(page: Page, url: string): Promise<void> {
    try {
      await page.waitForURL(url);
    } catch (error) {
      const said = await page.evaluate('document.body ? document.body.innerText.slice(0, 600) : ""').catch((reason: unknown) => `(unreadable: ${String(reason)})`);
      throw new Error(`not at ${url} but at ${page.url()}, which says: ${String(said)}`, { cause: error });
    }
  }

  /** axe-core on the page as it is, the CSRF field of every POST form, no id twice, no horizontal scroll and a screenshot at each width (SCREENSHOTS_TAKEN). */
  async check(page: Page, name: string, options: { axe?: boolean } = {}): Promise<void> {
    if (options.axe ?? true) {
      const violations = await this.axeViolations(page);
      expect({ page: name, violations }).toEqual({ page: name, violations: [] });
    }
    const formsWithoutToken = await page.$$eval('form[method="post"]', (forms) =>
      forms.filter((form) => !form.querySelector('input[name="_csrf"]') && !/[?&]_csrf=/.test(form.getAttribute('action') ?? '')).map((form) => form.getAttribute('action')),
    );
    expect(formsWithoutToken).toEqual([]);
    // An id names one element: a second one is invisible to getElementById, to a label's `for`, to a link's #fragment and to live updates.
    const twice = await page.$$eval('[id]', (elements) => [...new Set(elements.map((element) => element.id).filter((id, i, ids) => ids.indexOf(id) !== i))]);
    expect({ page: name, twice }).toEqual({ page: name, twice: [] });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      // Read in one evaluation, in one layout: the squeezed cells' probes change the page (added, then removed), so what
      // reads the page as it is comes first.
      const { scrollWidth, clipped, squeezed } = (await page.evaluate(`({ scrollWidth: document.documentElement.scrollWidth, clipped: ${CLIPPED}, squeezed: ${SQUEEZED} })`)) as {
        scrollWidth: number;
        clipped: string[];
        squeezed: string[];
      };
      // What sticks out, named, when something does: the deepest elements whose right edge passes the window's.
      const sticking = scrollWidth === width ? [] : ((await page.evaluate(
        `[...document.body.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > ${width} + 1 && ![...e.children].some((c) => c.getBoundingClientRect().right > ${width} + 1)).slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right) + ' ' + (e.textContent || '').trim().slice(0, 80))`,
      )) as string[]);
      expect({ page: name, width, scrollWidth, sticking }).toEqual({ page: name, width, scrollWidth: width, sticking: [] });
      // A chart wider than the window scrolls inside its box, which opens on its right end: the latest escalation shows.
      const chartsCut = (await page.evaluate(
        `[...document.querySelectorAll('.chart-scroll')].filter((box) => box.scrollWidth > box.clientWidth + 1 && box.firstElementChild.getBoundingClientRect().right > box.getBoundingClientRect().right + 1).map((box) => box.getAttribute('aria-labelledby'))`,
      )) as string[];
      expect({ page: name, width, chartsCut }).toEqual({ page: name, width, chartsCut: [] });
      // And its level names stay in view at its left, over the scrolled plot: every level the chart names, inside the box.
      const levelsOutOfView = (await page.evaluate(
        `[...document.querySelectorAll('.chart-scroll')].filter((box) => box.scrollWidth > box.clientWidth + 1).flatMap((box) => {
          const room = box.getBoundingClientRect();
          const shown = [...(box.parentElement.querySelector('.chart-axis')?.querySelectorAll('tspan') ?? [])].filter((name) => { const r = name.getBoundingClientRect(); return r.width > 0 && r.left >= room.left - 1 && r.right <= room.right + 1; }).map((name) => name.dataset.state);
          const names = [...box.querySelectorAll('svg [data-state]')].map((name) => name.dataset.state).filter((state) => !shown.includes(state));
          // The legend, at the chart's left too: said under it, every line, where the chart's own is hidden.
          const drawn = box.querySelectorAll('svg [data-legend]').length;
          const legend = box.parentElement.querySelector('.chart-legend');
          const said = legend && legend.getBoundingClientRect().height > 0 ? legend.querySelectorAll('li').length : 0;
          const lines = drawn && said !== drawn ? ['legend: ' + said + ' of ' + drawn + ' lines'] : [];
          return [...names, ...lines].map((what) => box.getAttribute('aria-labelledby') + ': ' + what);
        })`,
      )) as string[];
      expect({ page: name, width, levelsOutOfView }).toEqual({ page: name, width, levelsOutOfView: [] });
      // No table squeezed until a word breaks across lines: every word of up to 20 letters fits its cell.
      expect({ page: name, width, squeezed }).toEqual({ page: name, width, squeezed: [] });
      // No field cuts off what it holds while its box leaves room beside it (an e-mail address cut at 250 px in a 320 px card).
      expect({ page: name, width, clipped }).toEqual({ page: name, width, clipped: [] });
      if (SCREENSHOTS_TAKEN) await page.screenshot({ path: join(SCREENSHOTS, `${testDb()}-${name}-${width}.png`), fullPage: true, caret: 'initial' });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  /**
   * axe-core's serious and critical violations on the page as it is, loaded once a document as a script from the app's
   * origin (AXE_PATH: Chromium compiles it once and keeps it). A page of a context without JavaScript runs neither the
   * script nor the timers axe waits on: it is not checked so.
   */
  async axeViolations(page: Page): Promise<string[]> {
    if (!(await page.evaluate('typeof axe === "object"'))) await page.addScriptTag({ url: AXE_PATH });
    return (await page.evaluate(
      `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
    )) as string[];
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}

/**
 * The id of the element holding the focus once it is `id`: htmx focuses a
 * swapped-in form's `autofocus` field as it settles, a moment after the
 * swapped form shows. Past a few seconds, whatever holds the focus then
 * (a selector, not a string predicate: eslint.config.js says why).
 */
export async function focusSettledOn(page: Page, id: string): Promise<string> {
  await page.locator(`[id=${JSON.stringify(id)}]:focus`).waitFor({ timeout: 5_000 }).catch(() => undefined);
  return (await page.evaluate('document.activeElement?.id ?? ""')) as string;
}
