import type { ImportView } from '../../../imports/import.dto.js';
import { hasRole } from '../../../common/roles.js';
import type { DossierGlance } from '../../../dossier/dossier.service.js';
import type { EvidenceView } from '../../../evidence/evidence.dto.js';
import type { StateChangeView } from '../../../incidents/incident.dto.js';
import type { ReminderView } from '../../../reminders/reminder.dto.js';
import type { UserView } from '../../../users/user.dto.js';
import type { PageContext } from '../../web-context.js';

/** What the incident page and each of its parts render: every part takes the page context and this. */
export interface IncidentPageData {
  dossier: DossierGlance;
  history: StateChangeView[];
  /** Its scheduled reminders, the soonest REMINDERS_SHOWN, soonest first. */
  reminders: ReminderView[];
  /** How many reminders stand scheduled, listed or not. */
  remindersCount?: number;
  /** The cursor the page's thread was read before (`/earlier?before=`): a page of earlier messages rather than the latest. */
  before?: string;
  /** Every piece of evidence, pending and failed captures too, for the readers who may see it (legal and admin); null for others. */
  evidence: EvidenceView[] | null;
  /** Everyone at the desk, by name: who a follow-up is for, say. */
  people: UserView[];
  /** The message the composer answers when the page was opened to reply to it (`?replyTo=`). */
  replyTo?: string;
  /** The reply-to search: its words and the messages they found (in the thread, as context), the latest first. */
  choices?: { q: string; found: string[] };
  /** Imports of a thread into the incident still running: a progress line each. */
  imports?: ImportView[];
}

/** The incident page lists the first hundred pieces of evidence; the dossier has every one. */
export const EVIDENCE_SHOWN = 100;

/** The incident page shows the thread's latest messages (and, apart, the OWED_SHOWN longest waiting for a reply); earlier ones come a page at a time. */
export const THREAD_SHOWN = 50;

/** The incident page lists the soonest reminders and counts the rest. */
export const REMINDERS_SHOWN = 20;

/** The reply-to search answers this many messages, the latest first. */
export const CHOICES_SHOWN = 20;
/** Older messages owed a reply shown apart above the thread, the longest waiting; the others in their place among earlier messages. */
export const OWED_SHOWN = 50;

/** The incident page ends with the latest events; the dossier has every one. */
export const TIMELINE_SHOWN = 50;

/** What the reader's role lets them do on the page: the forms it shows. */
export function abilities(page: PageContext): { write: boolean; legal: boolean } {
  const role = page.user?.role;
  return { write: !!role && hasRole(role, 'community_manager'), legal: !!role && hasRole(role, 'legal') };
}

/** A person of the desk by name ('nobody' for none). */
export function personName(page: PageContext, data: IncidentPageData, id: string | null): string {
  if (id === 'system') return page.t.t('app.name');
  return id ? (data.dossier.people[id] ?? data.people.find((person) => person.id === id)?.name ?? id) : page.t.t('incident.nobody');
}

/** The URL of the incident page, with an anchor. */
export const incidentPath = (data: IncidentPageData, anchor = ''): string => `/incidents/${data.dossier.incident.id}${anchor}`;
