import { createHash, randomBytes } from 'node:crypto';
import type { EventContext, TimelineEvents, TimelineEventType } from './timeline-events.js';

/**
 * Personal values in timeline payloads (a message's body in `comment.edited`,
 * a party's name in `party.merged`) are not hashed as they are: the stored
 * payload holds `{"$personal": H(salt ‖ value)}` in their place, and the value
 * with its salt lives in `timeline_personal_values`. The chain hashes the
 * stored payload, so erasing a value (and its salt) leaves every hash as it
 * was: the digest stays, and nobody can tell from it what the value was.
 */
export const PERSONAL = '$personal';

/** What a reader is shown where an erased value was. */
export const ERASED = '[erased]';

/** What the stored payload holds in a personal value's place: its digest, and whose value it was (an id, kept so that verification knows a value gone was erased). */
export type PersonalDigest = { [PERSONAL]: string; party: string | null };

export interface PersonalValue {
  path: string;
  /** The party whose data it is (null: nobody's to erase, e.g. our own message edited). */
  partyId: string | null;
  salt: string;
  value: string;
  digest: string;
}

/** Whose value a field holds, from the payload and the rows the writer handed over. */
export type PersonalOwner<T extends TimelineEventType> = (payload: TimelineEvents[T], context: EventContext) => string | null | undefined;

const fields = new Map<string, Record<string, PersonalOwner<never>>>();

/** Declares which top-level fields of an event type's payload are personal, and whose. */
export function definePersonalFields<T extends TimelineEventType>(type: T, owners: { [K in keyof TimelineEvents[T] & string]?: PersonalOwner<T> }): void {
  if (fields.has(type)) throw new Error(`personal fields of ${type} are defined twice`);
  fields.set(type, owners as Record<string, PersonalOwner<never>>);
}

/** The personal fields of an event type (empty when it has none). */
export const personalFieldsOf = (type: string): string[] => Object.keys(fields.get(type) ?? {});

/** Every event type with personal fields. */
export const definedPersonalTypes = (): string[] => [...fields.keys()].sort();

export function personalDigest(salt: string, value: string): string {
  return createHash('sha256').update(salt).update(value).digest('hex');
}

export function isPersonalDigest(value: unknown): value is PersonalDigest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { [PERSONAL]: digest, party, ...rest } = value as Record<string, unknown>;
  return typeof digest === 'string' && (party === null || typeof party === 'string') && Object.keys(rest).length === 0;
}

/**
 * The payload to store and hash, with each personal string replaced by its
 * salted digest, and the values to keep beside it. Fields absent, null or
 * not strings stay as they are.
 */
export function protect(type: string, payload: Record<string, unknown>, context: EventContext, salt: () => string = () => randomBytes(32).toString('hex')): { stored: Record<string, unknown>; values: PersonalValue[] } {
  const owners = fields.get(type);
  if (!owners) return { stored: payload, values: [] };
  const stored = { ...payload };
  const values: PersonalValue[] = [];
  for (const [path, owner] of Object.entries(owners)) {
    const value = payload[path];
    if (typeof value !== 'string') continue;
    const pepper = salt();
    const digest = personalDigest(pepper, value);
    const partyId = (owner as PersonalOwner<TimelineEventType>)(payload as never, context) ?? null;
    stored[path] = { [PERSONAL]: digest, party: partyId } satisfies PersonalDigest;
    values.push({ path, partyId, salt: pepper, value, digest });
  }
  return { stored, values };
}

/** The payload as readers see it: each digest replaced by its value, or by {@link ERASED} once the value is gone. */
export function reveal(payload: Record<string, unknown>, values: ReadonlyMap<string, string>): Record<string, unknown> {
  let shown: Record<string, unknown> | null = null;
  for (const [key, value] of Object.entries(payload)) {
    if (!isPersonalDigest(value)) continue;
    shown ??= { ...payload };
    shown[key] = values.get(key) ?? ERASED;
  }
  return shown ?? payload;
}

/** The personal values a stored payload names (path, digest, party). */
export function digestsOf(payload: Record<string, unknown>): Array<{ path: string; digest: string; party: string | null }> {
  return Object.entries(payload).flatMap(([path, value]) => (isPersonalDigest(value) ? [{ path, digest: value[PERSONAL], party: value.party }] : []));
}

/** The first stored value that does not match the digest its event's payload holds, if any. */
export function mismatchedValue(payload: Record<string, unknown>, values: ReadonlyArray<Pick<PersonalValue, 'path' | 'salt' | 'value'>>): string | null {
  for (const { path, salt, value } of values) {
    const digest = payload[path];
    if (!isPersonalDigest(digest) || digest[PERSONAL] !== personalDigest(salt, value)) return path;
  }
  return null;
}
