import { html, type Html } from '../../common/html.js';
import type { PageContext } from '../web-context.js';
import { layout } from './layout.js';

/** A refused request as a page: what was wrong, field by field, and a way back. */
export function errorPage(page: PageContext, status: number, messages: string[], back = '/'): Html {
  const { t } = page;
  return layout(page, {
    title: t.t('error.title'),
    main: html`<section aria-labelledby="error-detail" data-status="${status}">
  <h2 id="error-detail" class="visually-hidden">${status}</h2>
  <ul class="errors" role="alert">${messages.map((message) => html`<li>${message}</li>`)}</ul>
  <p><a href="${back}">${t.t('error.back')}</a></p>
</section>`,
  });
}
