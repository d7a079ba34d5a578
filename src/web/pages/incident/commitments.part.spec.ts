import { Translator } from '../../../i18n/i18n.js';
import type { PageContext } from '../../web-context.js';
import { dueLine } from './commitments.part.js';

describe(dueLine.name, () => {
  const page = (locale: 'en' | 'fr'): PageContext => ({ t: new Translator(locale, 'Europe/Paris'), user: undefined, csrf: 'token', path: '/' });
  const now = Date.parse('2026-12-05T16:00:00Z');
  const yesterday = '2026-12-04T09:00:00.000Z';
  const tomorrow = '2026-12-06T09:00:00.000Z';

  it('says a promise still owed and past its time overdue, in red, in the reader’s language', () => {
    expect(String(dueLine(page('en'), { dueAt: yesterday, status: 'pending' }, now))).toBe('<span class="overdue" data-testid="commitment-overdue">overdue: due 4 Dec 2026, 10:00 GMT+1</span>');
    expect(String(dueLine(page('fr'), { dueAt: yesterday, status: 'failed_verification' }, now))).toMatch(/^<span class="overdue" data-testid="commitment-overdue">en retard\s:\séchéance 4 déc\. 2026/);
  });

  it('says only when it is due while there is time, or once it is kept or cancelled', () => {
    expect(String(dueLine(page('en'), { dueAt: tomorrow, status: 'pending' }, now))).toBe('due 6 Dec 2026, 10:00 GMT+1');
    for (const status of ['done', 'verified', 'cancelled'] as const) expect(String(dueLine(page('en'), { dueAt: yesterday, status }, now))).toBe('due 4 Dec 2026, 10:00 GMT+1');
  });
});
