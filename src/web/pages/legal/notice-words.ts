import { basisWords, warningWords } from '../../../deadlines/deadline-words.js';
import type { Translator } from '../../../i18n/i18n.js';
import type { LegalNoticeView } from '../../../legal-notices/legal-notice.dto.js';

/** The rule (or the hand) that gave a notice its deadline, as the reader reads it. */
export const basisText = (t: Translator, notice: Pick<LegalNoticeView, 'deadlineBasis' | 'deadlineBasisFacts'>): string => basisWords(t, notice.deadlineBasisFacts, notice.deadlineBasis);

/** A validity warning of a notice, as the reader reads it. */
export const warningText = (t: Translator, warning: LegalNoticeView['validity'][number]): string => warningWords(t, warning);
