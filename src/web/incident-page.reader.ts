import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from '../common/pagination.js';
import { badRequest, fieldProblem } from '../common/problem.js';
import { canSeePrivileged, type Actor } from '../common/roles.js';
import { DossierService, type ThreadPlaceKey } from '../dossier/dossier.service.js';
import { EvidenceService } from '../evidence/evidence.service.js';
import { ImportsService } from '../imports/imports.service.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { RemindersService } from '../reminders/reminders.service.js';
import { UsersService } from '../users/users.service.js';
import { CHOICES_SHOWN, EVIDENCE_SHOWN, OWED_SHOWN, REMINDERS_SHOWN, THREAD_SHOWN, TIMELINE_SHOWN, type IncidentPageData } from './pages/incident/page-data.js';

/** What the page is read for: the message it answers (`?replyTo=`), the earlier page of the thread it shows, a message a form needs. */
export interface PageRead {
  replyTo?: string;
  /** The cursor of `?before=`: the page of messages posted before that place. */
  before?: string;
  /** A message to read whatever its place in the thread (the one a reply or a correction is for). */
  focus?: string;
  /** The reply-to search's words: the messages they find are read and offered (`choices`). */
  q?: string;
}

/** The cursor of a place in the thread, as the "Show earlier messages" control carries it. */
export const threadCursor = (place: ThreadPlaceKey): string => encodeCursor([place.postedAt, place.id]);

/** The place a `before` cursor names, or 400 naming `before`. */
export function placeOf(cursor: string): ThreadPlaceKey {
  const refused = () => badRequest(fieldProblem('before', 'cursor.invalid', 'before is not a place in the thread: show the latest messages again'));
  let values: unknown[];
  try {
    values = decodeCursor(cursor, 2);
  } catch {
    throw refused();
  }
  const [postedAt, id] = values;
  if (!(postedAt instanceof Date) || typeof id !== 'string') throw refused();
  return { postedAt, id };
}

/** What the incident page shows, read for the reader: the page, its live parts and its refused forms all start here. */
@Injectable()
export class IncidentPageReader {
  constructor(
    private readonly dossiers: DossierService,
    private readonly incidents: IncidentsService,
    private readonly reminders: RemindersService,
    private readonly users: UsersService,
    private readonly evidence: EvidenceService,
    private readonly imports: ImportsService,
  ) {}

  async read(actor: Actor, id: string, options: PageRead = {}): Promise<IncidentPageData> {
    const before = options.before === undefined ? undefined : placeOf(options.before);
    const words = options.q?.trim().slice(0, 200);
    const found = words ? await this.dossiers.matching(id, words, CHOICES_SHOWN) : undefined;
    const focus = [options.replyTo, options.focus, ...(found ?? [])].filter((one): one is string => !!one && /^[0-9a-f-]{36}$/i.test(one));
    const [dossier, history, reminders, people, evidence] = await Promise.all([
      this.dossiers.glance(actor, id, TIMELINE_SHOWN, { count: THREAD_SHOWN, owed: OWED_SHOWN, before, focus }),
      this.incidents.stateHistory(id),
      this.reminders.list({ incidentId: id, status: 'scheduled', limit: REMINDERS_SHOWN }),
      this.users.everyone(),
      canSeePrivileged(actor) ? this.evidence.list(id, { limit: EVIDENCE_SHOWN }) : null,
    ]);
    const remindersCount = reminders.nextCursor ? await this.reminders.count({ incidentId: id, status: 'scheduled' }) : reminders.items.length;
    const imports = await this.imports.running(id);
    const replyTo = options.replyTo;
    return {
      dossier,
      history,
      reminders: reminders.items,
      remindersCount,
      people,
      evidence: evidence?.items ?? null,
      imports,
      ...(options.before ? { before: options.before } : {}),
      ...(found ? { choices: { q: words!, found } } : {}),
      ...(replyTo && dossier.thread.some((comment) => comment.id === replyTo) ? { replyTo } : {}),
    };
  }
}
