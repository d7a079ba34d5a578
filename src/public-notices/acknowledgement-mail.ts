import type { Translator } from '../i18n/i18n.js';

export interface AcknowledgementFacts {
  ref: string;
  receivedAt: Date;
  urls: string[];
  /** The public form's address, to send another notice. */
  formUrl: string;
}

/**
 * The acknowledgement of receipt a notifier is sent (DSA art. 16(4)): the
 * notice's reference, when it was received, what it is about, and what
 * happens next (art. 16(5) and (6): a decision, with the means of redress,
 * sent to the same address), in the language of the form.
 */
export function composeAcknowledgement(t: Translator, facts: AcknowledgementFacts): { subject: string; text: string } {
  return {
    subject: t.t('mail.publicNotice.subject', { ref: facts.ref }),
    text: t.t('mail.publicNotice.text', { ref: facts.ref, when: t.dateTime(facts.receivedAt), urls: facts.urls.map((url) => `- ${url}`).join('\n'), form: facts.formUrl }),
  };
}
