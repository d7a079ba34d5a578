import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import type request from 'supertest';
import { csrfOf } from './web-helpers.js';

/** Posts a form from the page it is on, in the reader's language; an htmx post says so in its headers, as htmx does. */
/** A moment as a datetime-local field holds it, in the desk's zone (the tests' CALUMET_TZ, Europe/Paris): `2026-12-06T21:30`. */
export const deskLocal = (at: Date): string => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }).format(at).replace(' ', 'T');

export async function postForm(agent: request.Agent, pagePath: string, action: string, fields: Record<string, string>, lang: 'en' | 'fr' = 'en', htmx = false) {
  const page = await agent.get(pagePath).set('Accept-Language', lang).expect(200);
  const sent = agent.post(action).set('Accept-Language', lang).type('form');
  if (htmx) void sent.set('HX-Request', 'true').set('HX-Current-URL', `http://calumet.test${pagePath}`);
  return sent.send({ _csrf: csrfOf(page.text), ...fields });
}

/** A control of a page as a person sees it: its label, what it holds, and the problem said beside it. */
export interface FieldSeen {
  label: string;
  value: string;
  invalid: boolean;
  /** The text the control's aria-describedby points to. */
  problem: string | null;
  /** The control takes the focus when the page or the swapped form shows (`autofocus`). */
  focused: boolean;
  /** What its label says must be given again (a password, a file), if anything. */
  again: string | null;
}

const byId = (root: ReturnType<typeof parseDocument>, id: string): Element | null => DomUtils.findOne((el) => el.attribs['id'] === id, root.children);

export function fieldOf(page: string, controlId: string): FieldSeen {
  const document = parseDocument(page);
  const control = byId(document, controlId);
  if (!control) throw new Error(`no control #${controlId} on the page`);
  const label = DomUtils.findOne((el) => el.name === 'label' && el.attribs['for'] === controlId, document.children);
  const hint = label && DomUtils.findOne((el) => el.attribs['class'] === 'hint', label.children);
  const again = label && DomUtils.findOne((el) => el.attribs['class'] === 'hint again', label.children);
  const value =
    control.name === 'textarea'
      ? DomUtils.textContent(control)
      : control.name === 'select'
        ? (DomUtils.findOne((el) => el.name === 'option' && 'selected' in el.attribs, control.children)?.attribs['value'] ?? '')
        : (control.attribs['value'] ?? '');
  const describedBy = control.attribs['aria-describedby'];
  const problem = describedBy ? byId(document, describedBy) : null;
  return {
    label: label ? [hint, again].reduce((text, part) => (part ? text.replace(DomUtils.textContent(part), '') : text), DomUtils.textContent(label)).trim() : '',
    value,
    invalid: control.attribs['aria-invalid'] === 'true',
    problem: problem ? DomUtils.textContent(problem) : null,
    focused: 'autofocus' in control.attribs,
    again: again ? DomUtils.textContent(again) : null,
  };
}

/** The problems said at the top of a form (the ones no field of it claims). */
export function formProblems(page: string, formId: string): string[] {
  const document = parseDocument(page);
  const box = byId(document, `${formId}-problems`) ?? byId(document, formId);
  if (!box) throw new Error(`no form #${formId} on the page`);
  return DomUtils.findAll((el) => el.name === 'li', box.children).map((li) => DomUtils.textContent(li));
}
