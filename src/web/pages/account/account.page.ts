import { html, type Html } from '../../../common/html.js';
import type { PageContext } from '../../web-context.js';
import { layout } from '../layout.js';
import type { AccountContext, AccountPart } from './account-part.js';
import { calendarPart } from './calendar.part.js';
import { languagePart } from './language.part.js';
import { passwordPart } from './password.part.js';
import { profilePart } from './profile.part.js';
import { sessionsSection } from './sessions.part.js';
import { tokenPart } from './token.part.js';

/** The sections of "My account", in order: a new section is its own part file and one line here. */
export const ACCOUNT_PARTS: AccountPart[] = [profilePart, languagePart, passwordPart, tokenPart, calendarPart, sessionsSection];

export async function accountPage(page: PageContext, context: AccountContext, notice?: string): Promise<Html> {
  const sections = await Promise.all(ACCOUNT_PARTS.map(async (part) => part.render(page, context, part.load ? await part.load(context) : undefined)));
  return layout(page, { title: page.t.t('account.title'), section: 'account', notice, main: html`${sections}` });
}
