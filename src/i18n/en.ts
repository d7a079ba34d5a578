import { caseDesk } from './en/case.js';
import { desk } from './en/desk.js';

/**
 * English messages (ICU MessageFormat), one file per area under en/ so that
 * features add theirs without touching each other's; fr.ts must hold the
 * same keys (the type checks it).
 */
export const en = { ...desk, ...caseDesk } as const;

export type MessageKey = keyof typeof en;
