import type { Page } from 'playwright-core';
import { waitFor } from '../helpers/wait-for.js';
import type { DeskBrowser } from './browser.js';

/**
 * Steps the walks take the same way at the desk: a browser capture asked
 * for on the incident page, waited for and its zip downloaded; and a notice
 * moved, from its card, through the moves that close it.
 */

/** Captures `url` in a browser from the incident page and downloads the capture's zip; answers where it was saved and the name the desk gave it. */
export async function captureAndDownload(desk: DeskBrowser, page: Page, incidentId: string, url: string, note?: string): Promise<{ path: string; filename: string }> {
  await page.goto(`${desk.base}/incidents/${incidentId}`);
  await page.click('#evidence-part details.action > summary');
  await page.selectOption('#evidence-kind', 'page_capture');
  await page.fill('#evidence-url', url);
  if (note) await page.fill('#evidence-note', note);
  await desk.submitted(page, '#evidence button[type="submit"]');
  await waitFor(
    'the capture to show its zip',
    async () => {
      if (await page.locator('[data-testid="bundle-download"]').count()) return true;
      await page.reload();
      return false;
    },
    60_000,
    1_000,
  );
  const [zip] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="bundle-download"]')]);
  return { path: (await zip.path())!, filename: zip.suggestedFilename() };
}

/** Moves each notice from its card to under review, answered (a formal notice) or complied with, then closed; each move's reason said by `reason`. */
export async function closeNotices(desk: DeskBrowser, page: Page, incidentId: string, notices: Array<{ id: string; type: string }>, reason: (to: string) => string): Promise<void> {
  for (const notice of notices) {
    for (const to of ['under_review', notice.type === 'formal_notice' ? 'responded' : 'complied', 'closed']) {
      await page.goto(`${desk.base}/incidents/${incidentId}#notice-${notice.id}`);
      await page.click(`#notice-${notice.id} details.menu > summary`);
      await page.selectOption(`#notice-move-${notice.id}-to`, to);
      await page.fill(`#notice-move-${notice.id}-reason`, reason(to));
      await desk.submitted(page, `#notice-move-${notice.id} button[type="submit"]`);
    }
  }
}
