import { Transform } from 'class-transformer';
import { applyDecorators } from '@nestjs/common';
import { ValidateBy, ValidateIf } from 'class-validator';

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

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An ISO-8601 date or date-time string, turned into a Date. Anything else
 * (including real-looking impossible dates such as 2026-02-30) is refused
 * with a message naming the field.
 */
export function IsoDateTime(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => {
      if (typeof value !== 'string' || !ISO_DATE_TIME.test(value)) return value;
      const date = new Date(value);
      if (Number.isNaN(date.getTime())) return value;
      // Refuse rollover dates such as 2026-02-30, which Date would move to March.
      const [year, month, day] = value.slice(0, 10).split('-').map(Number);
      const probe = new Date(Date.UTC(year!, month! - 1, day!));
      return probe.getUTCMonth() === month! - 1 && probe.getUTCDate() === day ? date : value;
    }),
    ValidateBy({
      name: 'isIsoDateTime',
      validator: {
        validate: (value: unknown) => value instanceof Date && !Number.isNaN(value.getTime()),
        defaultMessage: (args) => `${args?.property} must be an ISO-8601 date-time such as 2026-11-26T14:30:00Z`,
      },
    }),
  );
}
