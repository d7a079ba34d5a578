import type { Problem } from '../common/problem.js';
import { ADDRESS_FIELD, FORM_ID_FIELD, listOf, textOf, type Refusal } from './forms.js';
import { html, type Html, type Renderable } from '../common/html.js';
import type { PageContext } from './web-context.js';

export interface ControlOptions {
  /** The value shown when the form was not refused. */
  initial?: string;
  /** Said after the label, smaller (a format, a time zone); not part of the name problems are said with. */
  hint?: string;
  required?: boolean;
  maxlength?: number;
  /** The label is read by screen readers but not shown (a select in a table cell whose column names it). */
  labelHidden?: boolean;
  /** Any other attributes, as markup Calumet wrote. */
  attributes?: Html;
  /** A long text (a statute's reference): the field takes a whole row of its form, not the width of a word. */
  wide?: boolean;
  /**
   * The form opens with the focus here (a form unfolded by a click, as « Reply »: what is typed next goes in); a
   * refused form's focus goes to its first problem instead.
   */
  opensHere?: boolean;
}

export interface FormOptions {
  action: string;
  testid?: string;
  className?: string;
  /** A file upload: sent as multipart/form-data. */
  multipart?: boolean;
  /** Extra attributes of the <form> element. */
  attributes?: Html;
}

/** Which field of this form a problem's path names (`rules.2.period` → `period` on rule 2's form), or undefined when none. */
export type FieldOf = (path: string) => string | undefined;

/**
 * One form on a page, refusal-aware: when the page was answered for this
 * form's refusal, every control shows what was typed, each problem is said
 * next to its field (in the reader's language, named by the field's label),
 * marked `aria-invalid` and tied to it by `aria-describedby`; problems no
 * control of the form claims are said at the top, in an alert, which then
 * takes the focus (else the first refused control does). htmx posts
 * it and swaps the answer in its place: the form again when refused (4xx),
 * a redirect when done.
 */
export class FormView {
  private readonly refusal?: Refusal;
  private readonly said = new Set<Problem>();
  /** Whether a control of this refused form already asked for the focus (the first refused one does). */
  private focusAsked = false;

  constructor(
    private readonly page: PageContext,
    readonly id: string,
    private readonly fieldOf: FieldOf = (path) => path,
  ) {
    if (page.refusal?.form === id) {
      this.refusal = page.refusal;
      page.refusal.claimed = true;
    }
  }

  get refused(): boolean {
    return !!this.refusal;
  }

  /** What was typed in the field when refused, else the initial value. */
  value(name: string, initial = ''): string {
    return this.refusal ? textOf(this.refusal.values, name) : initial;
  }

  /** The values of a multiple field when refused, else the initial ones. */
  values(name: string, initial: string[] = []): string[] {
    return this.refusal ? listOf(this.refusal.values, name) : initial;
  }

  controlId(name: string): string {
    return `${this.id}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  }

  /**
   * A password or file control comes back empty from a refusal (a password is never written into the page, a chosen
   * file never sent back), and its label says it must be given again: every password field of a refused form is
   * empty, whichever one was refused (the two differing is said on the second), and one left empty stops the form.
   */
  input(name: string, label: string, options: ControlOptions & { type?: string } = {}): Html {
    // An address is typed as text with the keyboard of addresses: the browser's own check of type="url" refuses
    // `blog.example.com/a-post` in its language, not the desk's, where the desk reads it as the https address (forms.ts).
    if (options.type === 'url' && !ADDRESS_FIELD.test(name)) throw new Error(`address field ${name} is not named as forms.ts ADDRESS_FIELD reads addresses`);
    const type = options.type === 'url' ? html` type="text" inputmode="url" spellcheck="false" autocapitalize="off"` : options.type ? html` type="${options.type}"` : '';
    const keep = options.type !== 'password' && options.type !== 'file';
    const again = this.refusal && !keep ? this.page.t.t(options.type === 'password' ? 'form.passwordAgain' : 'form.fileAgain') : undefined;
    return this.field(
      name,
      label,
      { ...options, ...(again ? { hintAgain: again } : {}) },
      (attrs) => html`<input id="${this.controlId(name)}" name="${name}"${type}${keep ? html` value="${this.value(name, options.initial)}"` : ''}${attrs}>`,
    );
  }

  textarea(name: string, label: string, options: ControlOptions = {}): Html {
    return this.field(name, label, options, (attrs) => html`<textarea id="${this.controlId(name)}" name="${name}"${attrs}>${this.value(name, options.initial)}</textarea>`);
  }

  /** A select; `multiple` keeps every chosen value. Choices are [value, label] pairs. */
  select(name: string, label: string, choices: ReadonlyArray<readonly [string, string]>, options: ControlOptions & { multiple?: boolean; initials?: string[] } = {}): Html {
    const chosen = new Set(options.multiple ? this.values(name, options.initials) : [this.value(name, options.initial)]);
    return this.field(
      name,
      label,
      options,
      (attrs) =>
        html`<select id="${this.controlId(name)}" name="${name}"${options.multiple ? html` multiple` : ''}${attrs}>${choices.map(
          ([value, text]) => html`<option value="${value}"${chosen.has(value) ? html` selected` : ''}>${text}</option>`,
        )}</select>`,
    );
  }

  /** A checkbox sending `value` when ticked; `said` names it in its problems when its label is a whole sentence (a statement to tick). */
  checkbox(name: string, label: string, options: { initial?: boolean; value?: string; said?: string } = {}): Html {
    const value = options.value ?? 'true';
    const checked = this.refusal ? listOf(this.refusal.values, name).includes(value) : !!options.initial;
    const id = this.controlId(name);
    const problems = this.problemsOf(name);
    return html`<p class="check"><input id="${id}" name="${name}" type="checkbox" value="${value}"${checked ? html` checked` : ''}${this.invalid(name, problems)}><label for="${id}">${label}</label>${this.sayProblems(name, options.said ?? label, problems)}</p>`;
  }

  /** A hidden field: always the page's own value (a version read now, say), never what came back. */
  hidden(name: string, value: string): Html {
    return html`<input type="hidden" name="${name}" value="${value}">`;
  }

  /** The <form> around the fields (rendered first, so it knows which problems they said). */
  form(options: FormOptions, body: Renderable): Html {
    const rest = (this.refusal?.problems ?? []).filter((problem) => !this.said.has(problem));
    // A file upload's fields are read by the route, after the CSRF check: its token travels in its address.
    const action = options.multipart ? `${options.action}${options.action.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(this.page.csrf)}` : options.action;
    return html`<form method="post" action="${action}" id="${this.id}"${options.className ? html` class="${options.className}"` : ''}${options.testid ? html` data-testid="${options.testid}"` : ''}${
      options.multipart ? html` enctype="multipart/form-data" hx-encoding="multipart/form-data"` : ''
    } hx-post="${action}" hx-target="this" hx-swap="outerHTML"${options.attributes ?? ''}>
<input type="hidden" name="_csrf" value="${this.page.csrf}">${this.hidden(FORM_ID_FIELD, this.id)}
<div class="form-problems" role="alert" id="${this.id}-problems"${rest.length ? html` tabindex="-1" autofocus` : ''}>${rest.length ? html`<ul>${rest.map((problem) => html`<li>${this.page.t.problem(problem)}</li>`)}</ul>` : ''}</div>
${body}
</form>`;
  }

  private field(name: string, label: string, options: ControlOptions & { hintAgain?: string }, control: (attributes: Html) => Html): Html {
    const problems = this.problemsOf(name);
    const opens = options.opensHere && !this.refusal ? html` autofocus` : '';
    const attributes = html`${options.required ? html` required` : ''}${options.maxlength ? html` maxlength="${options.maxlength}"` : ''}${options.attributes ?? ''}${opens}${this.invalid(name, problems)}`;
    return html`<p${options.wide ? html` class="wide-field"` : ''}><label for="${this.controlId(name)}"${options.labelHidden ? html` class="visually-hidden"` : ''}>${label}${options.hint ? html` <span class="hint">${options.hint}</span>` : ''}${
      options.hintAgain ? html` <span class="hint again">${options.hintAgain}</span>` : ''
    }</label>${control(attributes)}${this.sayProblems(name, label, problems)}</p>`;
  }

  /** The problems of the refusal about this field (or a part of it: `tags.0` is about `tags`). */
  private problemsOf(name: string): Problem[] {
    return (this.refusal?.problems ?? []).filter((problem) => {
      const field = problem.field === undefined ? undefined : this.fieldOf(problem.field);
      return field !== undefined && (field === name || field.startsWith(`${name}.`));
    });
  }

  /**
   * A refused control's marks; the first of the form also takes the focus
   * (`autofocus`: the browser honours it on a whole page, htmx on the form it
   * swaps in), so the reader lands on the problem, not at the form's foot.
   */
  private invalid(name: string, problems: Problem[]): Html {
    if (!problems.length) return html``;
    const focus = !this.focusAsked;
    this.focusAsked = true;
    return html` aria-invalid="true" aria-describedby="${this.controlId(name)}-error"${focus ? html` autofocus` : ''}`;
  }

  private sayProblems(name: string, label: string, problems: Problem[]): Html {
    if (!problems.length) return html``;
    for (const problem of problems) this.said.add(problem);
    return html`<span class="field-error" id="${this.controlId(name)}-error">${problems.map((problem) => this.page.t.problem({ ...problem, field: label })).join(' ')}</span>`;
  }
}

/** The problems of a refusal whose form is gone (a suggestion decided meanwhile, say), alone in its place. */
export function problemsAlone(page: PageContext): Html {
  const refusal = page.refusal;
  if (!refusal) return html``;
  refusal.claimed = true;
  return html`<div class="form-problems" role="alert" id="${refusal.form}"><ul>${refusal.problems.map((problem) => html`<li>${page.t.problem(problem)}</li>`)}</ul></div>`;
}

/** A form of the page with this id (see FormView). */
export const formView = (page: PageContext, id: string, fieldOf?: FieldOf): FormView => new FormView(page, id, fieldOf);
