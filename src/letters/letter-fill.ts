import { html, type Html } from '../common/html.js';
import { fieldProblem, type Problem } from '../common/problem.js';
import { isPlaceholder, PLACEHOLDERS, type Placeholder } from './letter-kinds.js';

/** `{{ name }}`: a placeholder, spaces inside allowed. */
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** The values a letter is filled with, one per placeholder. */
export type LetterValues = Record<Placeholder, string>;

/** The placeholders a template names, in order, each once. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]!.trim()))];
}

/**
 * What is wrong with a template's field: a placeholder Calumet cannot fill
 * (one problem per unknown name), or braces that open or close no
 * placeholder (`{{name` left unclosed).
 */
export function templateProblems(field: string, text: string): Problem[] {
  const unknown = placeholdersIn(text).filter((name) => !isPlaceholder(name));
  const problems = unknown.map((placeholder) =>
    fieldProblem(field, 'letter.unknownPlaceholder', `${field} uses the unknown placeholder {{${placeholder}}}; known placeholders: ${PLACEHOLDERS.join(', ')}`, { placeholder: `{{${placeholder}}}` }),
  );
  if (/\{\{|\}\}/.test(text.replace(PLACEHOLDER, ''))) {
    problems.push(fieldProblem(field, 'letter.brokenPlaceholder', `${field} has braces that open or close no placeholder: write {{name}}`));
  }
  return problems;
}

/**
 * A template with its placeholders replaced, in one pass: a value that
 * itself holds `{{…}}` is written as it is, never read as a placeholder.
 * The result is plain text; pages escape it when they show it.
 */
export function fillTemplate(text: string, values: LetterValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const key = name.trim();
    return isPlaceholder(key) ? values[key] : whole;
  });
}

/** A letter's plain text as HTML: a paragraph per blank-line-separated block, its line breaks kept; every character escaped. */
export function letterParagraphs(text: string): Html {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean);
  return html`${blocks.map((block) => html`<p>${block.split('\n').map((line, i) => html`${i ? html`<br>` : ''}${line}`)}</p>`)}`;
}
