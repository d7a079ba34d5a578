import { Translator } from '../i18n/i18n.js';
import { englishNote, sayNote } from '../reminders/reminder-note.js';
import { reopenNote } from './closed-incident-messages.js';

describe(reopenNote.name, () => {
  it('says a reopening note with words for the states, a list said as one', () => {
    expect(englishNote(reopenNote('resolved', 'Founder'), 'UTC')).toBe('New message from Founder on an incident that is resolved. Reopen it (resolved → closed, heated, or legal threat) if the exchange has resumed.');
    expect(sayNote(new Translator('fr', 'Europe/Paris'), reopenNote('closed', null))).toBe('Nouveau message sur un incident à l’état clos. Rouvrez-le (clos → sous surveillance) si l’échange a repris.');
  });
});
