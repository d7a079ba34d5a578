import { html, type Html, type Renderable } from '../../common/html.js';
import type { PageContext } from '../web-context.js';

export interface DisclosureOptions {
  summary: Renderable;
  /** The ids of the forms inside: it is open when the page answers the refusal of one of them. */
  forms: string[];
  /** Open anyway (the page was opened to use it). */
  open?: boolean;
  className?: string;
  id?: string;
}

/** An action that unfolds where it is needed (a <details>): closed until asked for, open again when its form was refused. */
export function disclosure(page: PageContext, options: DisclosureOptions, body: Renderable): Html {
  const open = options.open || (!!page.refusal && options.forms.includes(page.refusal.form));
  return html`<details class="${options.className ?? 'action'}"${options.id ? html` id="${options.id}"` : ''}${open ? html` open` : ''}><summary>${options.summary}</summary>
<div class="action-body">${body}</div>
</details>`;
}
