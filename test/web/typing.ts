import type { Page } from 'playwright-core';

const ZONE = 'Europe/Paris';

/**
 * A date as a person types it into Debian's Chromium, whose only locale is
 * en-US: month, day, year, then (for a date and time) the hour, minutes and
 * AM or PM, the keys of each part in the order the field shows them.
 */
export async function typeDate(page: Page, selector: string, at: Date, withTime: boolean): Promise<void> {
  const part = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-US', { timeZone: ZONE, ...options }).format(at);
  await page.focus(selector);
  await page.keyboard.type(`${part({ month: '2-digit' })}${part({ day: '2-digit' })}${part({ year: 'numeric' })}`);
  if (!withTime) return;
  const [hour, minute, period] = part({ hour: '2-digit', minute: '2-digit', hour12: true }).split(/[: ]/);
  await page.keyboard.press('Tab');
  await page.keyboard.type(`${hour}${minute}${period![0]}`);
}
