import type { ModuleRef } from '@nestjs/core';
import type { UserView } from '../../../users/user.dto.js';
import { html, type Html, type Renderable } from '../../../common/html.js';
import type { PageContext, WebRequest } from '../../web-context.js';
import type { CalendarState } from './calendar.part.js';

/** What a section of "My account" is given to read its own data. */
export interface AccountContext {
  user: UserView;
  request: WebRequest;
  /** The app's providers, for a section reading through a service of its feature (`modules.get(X, { strict: false })`). */
  modules: ModuleRef;
  /** Said in this answer only: the API token just made (never kept anywhere). */
  newToken?: string;
  /** Said in this answer only: the calendar address just made, or that it was turned off. */
  calendar?: CalendarState;
}

/**
 * One section of "My account": reads what it shows (optional), then renders
 * it. The page is the list ACCOUNT_PARTS (account.page.ts); a section is one
 * file here and one line there.
 */
export interface AccountPart<T = unknown> {
  id: string;
  load?(context: AccountContext): Promise<T>;
  render(page: PageContext, context: AccountContext, data: T): Html;
}

/** Declares a section, keeping its data type between load and render. */
export const accountPart = <T = undefined>(part: AccountPart<T>): AccountPart => part as AccountPart;

/** A section's frame: a card named by its heading (`account-<id>` is its form's id, not its own). */
export const accountSection = (id: string, title: string, body: Renderable): Html =>
  html`<section class="card" id="account-${id}-section" aria-labelledby="account-${id}-heading" data-testid="account-${id}">
<h2 id="account-${id}-heading">${title}</h2>
${body}
</section>`;
