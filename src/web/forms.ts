import type { Type } from '@nestjs/common';
import { validateAs } from '../common/validation.js';

export type Form = Record<string, unknown>;

/**
 * A submitted form as the API's DTO: the CSRF field and empty fields are
 * dropped (an empty optional input means "not given"), listed number fields
 * read as numbers; then the DTO's own rules apply, so a bad field is refused
 * with the API's message naming it.
 */
export function fromForm<T>(metatype: Type<T>, form: Form | undefined, numbers: string[] = []): Promise<T> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(form ?? {})) {
    if (name === '_csrf' || value === '' || value === undefined) continue;
    fields[name] = numbers.includes(name) && typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  }
  return validateAs(metatype, fields);
}
