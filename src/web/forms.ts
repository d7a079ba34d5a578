import type { Type } from '@nestjs/common';
import type { Problem } from '../common/problem.js';
import { validateAs } from '../common/validation.js';

export type Form = Record<string, unknown>;

/** The hidden field naming the form a submit came from, so a refusal comes back in that very form. */
export const FORM_ID_FIELD = '_form';
const FORM_ID = /^[a-z][a-z0-9-]{0,99}$/;

/**
 * A refused form: which form (its id on the page), what was typed, and what
 * is wrong. A page renders the form of that id with the values and each
 * problem beside its field; `claimed` is set once a form did, so the page
 * can say the problems of a form it no longer shows at its top.
 */
export interface Refusal {
  form: string;
  values: Form;
  problems: Problem[];
  claimed?: boolean;
}

/** The id of the form a submit came from (`_form`), or `fallback` when it names none. */
export function formIdOf(form: Form | undefined, fallback: string): string {
  const id = form?.[FORM_ID_FIELD];
  return typeof id === 'string' && FORM_ID.test(id) ? id : fallback;
}

/** A host (a name with a dot, or an IPv4 address), maybe a port, then the path or nothing: an address typed without its scheme. */
const SCHEMELESS = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?([/?#]|$)/i;

/**
 * An address as a person types it: one without its scheme (`blog.example.com/2026/11/a-post`, `www.example.fr`) is the
 * https address a browser would open; anything else is left as typed, for the DTO to judge. The API takes whole
 * addresses only: this is the desk's reading of what people type.
 */
export const withScheme = (typed: string): string => (SCHEMELESS.test(typed.trim()) ? `https://${typed.trim()}` : typed);

/**
 * The desk's address fields, by name: `url`, `<part>.url` (a new post's or party's) and `…Url` (`targetUrl`,
 * `demands.0.targetUrl`). FormView renders an address control only under such a name, and every form posted to the desk
 * reads them through `withScheme` (web-plugins.ts; a multipart form's route, with `addressesTyped`).
 */
export const ADDRESS_FIELD = /(^|\.)url$|Url$/;

/** A form's fields with each address field (ADDRESS_FIELD) read through `withScheme`; the others as they came. */
export function addressesTyped<T extends Form>(form: T): T {
  const read: Form = { ...form };
  for (const [name, value] of Object.entries(form)) if (ADDRESS_FIELD.test(name) && typeof value === 'string') read[name] = withScheme(value);
  return read as T;
}

/** A form field as one string: the last of repeated values, '' when absent. */
export function textOf(form: Form | undefined, name: string): string {
  const value = form?.[name];
  if (Array.isArray(value)) return String(value.at(-1) ?? '');
  return typeof value === 'string' ? value : '';
}

/** A correction form as a PATCH: an emptied optional field clears it (null), an emptied required one is left out (and refused by the DTO where it must be there). */
export function patchOf(form: Form, required: readonly string[], optional: readonly string[]): Record<string, unknown> {
  return {
    ...Object.fromEntries(required.map((name) => [name, textOf(form, name).trim()]).filter(([, value]) => value !== '')),
    ...Object.fromEntries(optional.map((name) => [name, textOf(form, name).trim() || null])),
  };
}

/** Tags typed in one field, split at commas, trimmed, each once. */
export const tagsOf = (form: Form | undefined, name = 'tags'): string[] => [...new Set(textOf(form, name).split(',').map((tag) => tag.trim()).filter(Boolean))];

/** A form field as a list (a multiple select, repeated checkboxes). */
export function listOf(form: Form | undefined, name: string): string[] {
  const value = form?.[name];
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' && value ? [value] : [];
}

/**
 * A submitted form as the API's DTO: the form's own fields (`_csrf`,
 * `_form`) and empty fields are dropped (an empty optional input means "not
 * given"), listed number fields read as numbers; then the DTO's own rules
 * apply, so a bad field is refused with the API's problems naming it.
 */
export function fromForm<T>(metatype: Type<T>, form: Form | undefined, numbers: string[] = []): Promise<T> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(form ?? {})) {
    if (name.startsWith('_') || value === '' || value === undefined) continue;
    fields[name] = numbers.includes(name) && typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  }
  return validateAs(metatype, fields);
}
