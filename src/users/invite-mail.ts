import type { Translator } from '../i18n/i18n.js';

export interface InviteMailFacts {
  name: string;
  email: string;
  role: string;
  /** Who invites: the admin's name. */
  admin: string;
  url: string;
  expiresAt: Date;
}

/** The invite as a mail, in the language the translator speaks (the one chosen for the person). */
export function composeInviteMail(t: Translator, facts: InviteMailFacts): { subject: string; text: string } {
  return {
    subject: t.t('mail.invite.subject'),
    text: t.t('mail.invite.text', { name: facts.name, admin: facts.admin, role: t.word('role', facts.role), url: facts.url, when: t.dateTime(facts.expiresAt), email: facts.email }),
  };
}
