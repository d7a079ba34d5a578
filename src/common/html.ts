import { escapeHtml } from './html-escape.js';

/**
 * Pages are TypeScript functions over a tagged template: every value is
 * escaped unless it is already `Html` (made by `html` or `trusted`), so the
 * views are type-checked against the services' view types and need no copy
 * step in the build.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export { escapeHtml };

export type Renderable = Html | string | number | boolean | null | undefined | readonly Renderable[];

function render(value: Renderable): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Renderable[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Markup made by Calumet itself (never user input). */
export const trusted = (text: string): Html => new Html(text);
