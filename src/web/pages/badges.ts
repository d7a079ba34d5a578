import { html, type Html } from '../../common/html.js';
import type { Translator } from '../../i18n/i18n.js';

const DAY_MS = 86_400_000;

/** A notice's deadline as a badge: passed, or how soon (red within two days, amber within seven). */
export function deadlineBadge(t: Translator, respondBy: string | null, now = Date.now()): Html {
  if (!respondBy) return html``;
  const ms = Date.parse(respondBy) - now;
  if (ms < 0) return html`<span class="badge red">${t.t('badge.deadlinePast')}</span>`;
  return html`<span class="badge ${ms < 2 * DAY_MS ? 'red' : ms < 7 * DAY_MS ? 'amber' : ''}">${t.t('badge.deadlineClose', { when: t.relative(respondBy) })}</span>`;
}
