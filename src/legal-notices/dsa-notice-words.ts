import type { MessageKey } from '../i18n/en.js';
import type { Translator } from '../i18n/i18n.js';
import { statementCategoryOf, type NoticeCategory } from './dsa-categories.js';

/** What a DSA notifier stated on the public form, in the reader's words: the kind of content, who they are (if they said), their good faith. The notice page and the dossier show these. */
export function dsaNoticeWords(t: Translator, facts: { category: NoticeCategory | null; notifierName: string | null; notifierEmail: string | null }): { category: string; notifier: string; goodFaith: string } {
  return {
    category: t.t(`dsaCategory.${statementCategoryOf(facts.category)}` as MessageKey),
    notifier: [facts.notifierName, facts.notifierEmail].filter(Boolean).join(' · ') || t.t('legal.dsa.anonymous'),
    goodFaith: t.t('legal.dsa.goodFaith'),
  };
}
