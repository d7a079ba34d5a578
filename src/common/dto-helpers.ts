import { Transform } from 'class-transformer';
import { applyDecorators } from '@nestjs/common';
import { ValidateBy, ValidateIf } from 'class-validator';
import { DateTime } from 'luxon';

/** Trims strings; leaves anything else for the validators to refuse. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
/** Trims and lower-cases strings (emails). */
export const Lower = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));
/** Reads `?flag=true|false` query strings as booleans. */
export const QueryBoolean = () =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

export const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export const iso = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);

/**
 * For PATCH bodies: the field may be left out, but not set to null (a required
 * column). Nullable fields use @IsOptional() instead, which lets null clear them.
 */
export const Patchable = () => ValidateIf((_, value) => value !== undefined);

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;

/** The zone a date-time without an offset is read in: CALUMET_TZ, set once at boot. */
let inputZone = 'Europe/Paris';
export const setInputTimeZone = (zone: string): void => {
  inputZone = zone;
};

/**
 * Reads an ISO-8601 date or date-time: with an offset (or `Z`) as given,
 * without one as a wall-clock time in CALUMET_TZ (a date alone is its
 * midnight there), as people type them. Impossible dates (2026-02-30) and
 * anything else give null.
 */
export function parseIsoInput(value: string, zone = inputZone): Date | null {
  if (!ISO_DATE_TIME.test(value)) return null;
  const parsed = DateTime.fromISO(value, { zone });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/** DTO fields read by @IsoDateTime(), by class name: the OpenAPI document says how they are read. */
export const ISO_INPUT_FIELDS = new Map<string, Set<string>>();
export const ISO_INPUT_NOTE = 'ISO-8601; a date-time without an offset (2026-11-30T23:30) is read in CALUMET_TZ, a date alone as its midnight there.';

/**
 * An ISO-8601 date or date-time string, turned into a Date (see
 * `parseIsoInput`). Anything else is refused with a message naming the field.
 */
export function IsoDateTime(): PropertyDecorator {
  return applyDecorators(
    (target: object, property: string | symbol) => {
      const name = target.constructor.name;
      ISO_INPUT_FIELDS.set(name, (ISO_INPUT_FIELDS.get(name) ?? new Set()).add(String(property)));
    },
    Transform(({ value }) => (typeof value === 'string' ? (parseIsoInput(value) ?? value) : value)),
    ValidateBy({
      name: 'isIsoDateTime',
      validator: {
        validate: (value: unknown) => value instanceof Date && !Number.isNaN(value.getTime()),
        defaultMessage: (args) => `${args?.property} must be an ISO-8601 date-time such as 2026-11-26T14:30:00Z (without an offset, it is read in CALUMET_TZ)`,
      },
    }),
  );
}

/** How far ahead of this server's clock a client's "now" may be and still not count as the future. */
export const CLOCK_SLACK_MS = 60_000;
/** How far ahead a message may be dated: a day, for the time zones of the people who wrote it. */
export const MESSAGE_DATE_SLACK_MS = 24 * 3600_000;

/** A date validated against the clock when validated; anything that is not a date is left to @IsoDateTime(). */
function clockRule(name: string, accept: (at: number, now: number) => boolean, says: string): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => !(value instanceof Date) || Number.isNaN(value.getTime()) || accept(value.getTime(), Date.now()),
      defaultMessage: (args) => `${args?.property} ${says}`,
    },
  });
}

/** Not in the future (a move, a start), the clocks' slack allowed. */
export const NotInFuture = (): PropertyDecorator => clockRule('notInFuture', (at, now) => at <= now + CLOCK_SLACK_MS, 'must not be in the future');

/** Not more than a day ahead (a message, dated where its writer was). */
export const NotMoreThanADayAhead = (): PropertyDecorator => clockRule('notMoreThanADayAhead', (at, now) => at <= now + MESSAGE_DATE_SLACK_MS, 'must not be more than a day in the future');

/** In the future (a reminder's time). */
export const InFuture = (): PropertyDecorator => clockRule('inFuture', (at, now) => at > now, 'must be in the future');

/** A text with something in it besides spaces (kept as typed). */
export const NotBlank = (): PropertyDecorator =>
  ValidateBy({
    name: 'notBlank',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || value.trim() !== '',
      defaultMessage: (args) => `${args?.property} must not be empty`,
    },
  });
