import { Translator } from '../i18n/i18n.js';
import { formView, problemsAlone } from './form-view.js';
import { html } from '../common/html.js';
import type { PageContext } from './web-context.js';
import type { Refusal } from './forms.js';

const page = (refusal?: PageContext['refusal']): PageContext => ({ t: new Translator('en', 'Europe/Paris'), user: undefined, csrf: 'token', path: '/', ...(refusal ? { refusal } : {}) });

describe('FormView', () => {
  it('shows initial values and no problem when the page answers no refusal', () => {
    const f = formView(page(), 'note');
    const out = f.form({ action: '/notes' }, html`${f.input('title', 'Title', { initial: 'Draft' })}`).text;
    expect(out).toContain('<input id="note-title" name="title" value="Draft">');
    expect(out).not.toContain('aria-invalid');
    expect(out).toContain('hx-post="/notes" hx-target="this" hx-swap="outerHTML"');
    expect(out).toContain('<input type="hidden" name="_form" value="note">');
  });

  it('keeps what was typed and says each problem beside its field, by its label, tied to it for screen readers; the first refused field takes the focus', () => {
    const refusal: Refusal = { form: 'note', values: { title: '<b>typed</b>', tags: 'x' }, problems: [{ field: 'title', code: 'validation.unknownRule', message: 'title is wrong' }, { field: 'tags.0', code: 'validation.unknownRule', message: 'tags.0 is wrong' }] };
    const p = page(refusal);
    const f = formView(p, 'note');
    const out = f.form({ action: '/notes' }, html`${f.input('title', 'Title', { initial: 'Draft' })}${f.input('tags', 'Tags')}`).text;
    expect(out).toContain('<input id="note-title" name="title" value="&lt;b&gt;typed&lt;/b&gt;" aria-invalid="true" aria-describedby="note-title-error" autofocus><span class="field-error" id="note-title-error">title is wrong</span>');
    expect(out.match(/ autofocus/g)).toHaveLength(1);
    expect(out).toContain('aria-describedby="note-tags-error"><span class="field-error" id="note-tags-error">tags.0 is wrong</span>');
    expect(out).toContain('<div class="form-problems" role="alert" id="note-problems"></div>');
    expect(refusal).toMatchObject({ claimed: true });
  });

  it('says at the top the problems about no field of the form, or about the request as a whole, and focuses them', () => {
    const p = page({ form: 'note', values: {}, problems: [{ field: 'incidentId', code: 'validation.unknownRule', message: 'incidentId is gone' }, { code: 'validation.unknownRule', message: 'changed meanwhile' }] });
    const f = formView(p, 'note');
    const out = f.form({ action: '/notes' }, html`${f.input('title', 'Title')}`).text;
    expect(out).toContain('<div class="form-problems" role="alert" id="note-problems" tabindex="-1" autofocus><ul><li>incidentId is gone</li><li>changed meanwhile</li></ul></div>');
  });

  it('renders an address field as text with the keyboard of addresses (the desk reads it, not the browser), only under an address field’s name', () => {
    const f = formView(page(), 'post');
    expect(f.input('url', 'Address', { type: 'url', initial: 'https://blog.example/a' }).text).toContain(
      '<input id="post-url" name="url" type="text" inputmode="url" spellcheck="false" autocapitalize="off" value="https://blog.example/a">',
    );
    expect(() => f.input('link', 'Address', { type: 'url' })).toThrow('address field link');
  });

  it('leaves another form of the page as it was, and never sends a password back', () => {
    const refusal: Refusal = { form: 'other', values: { secret: 'hunter2' }, problems: [{ field: 'secret', code: 'validation.unknownRule', message: 'secret is short' }] };
    const untouched = formView(page(refusal), 'note');
    expect(untouched.input('secret', 'Secret', { initial: 'a' }).text).toBe('<p><label for="note-secret">Secret</label><input id="note-secret" name="secret" value="a"></p>');
    const f = formView(page({ ...refusal, form: 'note' }), 'note');
    expect(f.input('secret', 'Secret', { type: 'password' }).text).not.toContain('hunter2');
  });

  it('opens a form with the focus where it says, unless refused: then on its first problem alone', () => {
    const form = (refusal?: Refusal) => {
      const f = formView(page(refusal), 'reply');
      return f.textarea('body', 'Text', { opensHere: true }).text + f.input('authorName', 'Author').text;
    };
    expect(form()).toBe('<p><label for="reply-body">Text</label><textarea id="reply-body" name="body" autofocus></textarea></p><p><label for="reply-authorName">Author</label><input id="reply-authorName" name="authorName" value=""></p>');
    const refused = form({ form: 'reply', values: { body: 'x', authorName: '' }, problems: [{ field: 'authorName', code: 'validation.isNotEmpty', message: 'empty' }] });
    expect(refused.match(/autofocus/g)).toHaveLength(1);
    expect(refused).toContain('name="authorName" value="" aria-invalid="true" aria-describedby="reply-authorName-error" autofocus>');
  });

  it('says by a refused form’s file control, and only then, to choose the file again (a browser never sends it back)', () => {
    const control = (refusal?: Refusal) => formView(page(refusal), 'upload').input('file', 'File', { type: 'file', hint: 'for a file' }).text;
    expect(control()).toBe('<p><label for="upload-file">File <span class="hint">for a file</span></label><input id="upload-file" name="file" type="file"></p>');
    expect(control({ form: 'upload', values: { thread: 'x' }, problems: [{ field: 'thread', code: 'validation.unknownRule', message: 'no such thread' }] })).toBe(
      '<p><label for="upload-file">File <span class="hint">for a file</span> <span class="hint again">A file chosen before must be chosen again: the page cannot keep it.</span></label><input id="upload-file" name="file" type="file"></p>',
    );
    expect(control({ form: 'other', values: {}, problems: [] })).not.toContain('chosen again');
  });

  it('reads the problems of a larger whole by the form’s own mapping, and says a refusal whose form is gone alone', () => {
    const p = page({ form: 'rule-2', values: { period: 'P3' }, problems: [{ field: 'rules.2.period', code: 'validation.unknownRule', message: 'bad period' }, { field: 'rules.0.period', code: 'validation.unknownRule', message: 'another rule' }] });
    const f = formView(p, 'rule-2', (path) => /^rules\.2\.(.+)$/.exec(path)?.[1]);
    const out = f.form({ action: '/rules' }, html`${f.input('period', 'Period')}`).text;
    expect(out).toContain('<span class="field-error" id="rule-2-period-error">bad period</span>');
    expect(out).toContain('<ul><li>another rule</li></ul>');
    expect(problemsAlone(page({ form: 'gone', values: {}, problems: [{ code: 'validation.unknownRule', message: 'decided meanwhile' }] })).text).toBe(
      '<div class="form-problems" role="alert" id="gone"><ul><li>decided meanwhile</li></ul></div>',
    );
  });
});
