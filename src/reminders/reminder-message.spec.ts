import { Translator } from '../i18n/i18n.js';
import { englishNote, sayNote, type NoteFacts } from './reminder-note.js';
import { composeReminder, type MessageFacts } from './reminder-message.js';

const facts = (reminder: Partial<MessageFacts['reminder']> = {}): MessageFacts => ({
  reminder: {
    id: 'r1',
    kind: 'response_due',
    subjectType: 'comment',
    subjectId: 'c1',
    dueAt: new Date('2026-11-26T14:00:00Z'),
    owedBy: new Date('2026-11-26T14:00:00Z'),
    sequence: 1,
    note: 'Reply owed to Jean Dupont (comment of Thu 26 Nov 2026, 14:00 (Europe/Paris)): “Droit de réponse”',
    ...reminder,
  },
  incident: { id: 'i1', ref: 'INC-2026-0007', title: 'Founder threatens action', state: 'legal_threat' },
  recipient: { id: 'u1', email: 'owner@example.com' },
  publicUrl: 'https://calumet.example.com',
  timeZone: 'Europe/Paris',
  responseReminders: 3,
});

describe(composeReminder.name, () => {
  it('names the incident ref in the subject', () => {
    expect(composeReminder(facts()).subject).toBe('[INC-2026-0007] Reply owed: Founder threatens action');
  });

  it('says what is owed, by when in the configured time zone, and links to the incident', () => {
    const sut = composeReminder(facts());
    expect(sut.text).toContain('Reply owed on INC-2026-0007');
    expect(sut.text).toContain('Droit de réponse');
    expect(sut.text).toContain('Owed by Thu 26 Nov 2026, 15:00 (Europe/Paris).');
    expect(sut.text).toContain('Reminder 1 of 3.');
    expect(sut.text).toContain('https://calumet.example.com/incidents/i1');
  });

  it('says since when a repeated reminder is overdue', () => {
    const sut = composeReminder(facts({ sequence: 2, dueAt: new Date('2026-11-26T15:00:00Z') }));
    expect(sut.text).toContain('Overdue: owed since Thu 26 Nov 2026, 15:00 (Europe/Paris) (1 hour ago).');
    expect(sut.text).toContain('Reminder 2 of 3.');
  });

  it('says a reminder is overdue, and since when, when it goes out after the reply was owed (history logged late, a delivery delayed)', () => {
    const backfilled = composeReminder(facts({ owedBy: new Date('2026-11-24T09:00:00Z'), dueAt: new Date('2026-11-26T14:05:00Z') }));
    expect(backfilled.text).toContain('Overdue: owed since Tue 24 Nov 2026, 10:00 (Europe/Paris) (2 days ago).');
    const delayed = composeReminder({ ...facts(), sentAt: new Date('2026-11-26T14:20:00Z') });
    expect(delayed.text).toContain('Overdue: owed since Thu 26 Nov 2026, 15:00 (Europe/Paris) (20 minutes ago).');
    expect(composeReminder(facts()).text).not.toContain('Overdue');
  });

  it('gives the webhook the documented JSON body with a Slack-compatible text', () => {
    const sut = composeReminder(facts({ kind: 'deadline_warning', note: 'Notice LN-2026-0001 must be answered' }));
    expect(sut.payload).toEqual({
      text: expect.stringContaining('*[INC-2026-0007] Legal deadline approaching*'),
      reminder: { id: 'r1', kind: 'deadline_warning', dueAt: '2026-11-26T14:00:00.000Z', sequence: 1 },
      incident: { id: 'i1', ref: 'INC-2026-0007', title: 'Founder threatens action', state: 'legal_threat' },
      subject: { type: 'comment', id: 'c1' },
    });
    expect(sut.payload['text']).toContain('<https://calumet.example.com/incidents/i1|Open the incident>');
    expect(sut.text).not.toContain('Reminder 1 of');
  });
});

describe('a reminder in the recipient’s language', () => {
  const noteFacts: NoteFacts = [
    {
      key: 'note.replyOwed',
      values: { hasAuthor: 'true', author: 'Jean Dupont', channel: 'direct_message', postedAt: '2026-11-26T13:00:00Z', excerpt: 'Droit de réponse' },
      words: { channel: 'lower:channel', postedAt: 'date' },
    },
  ];

  it('says subject, note, time and link in French, with its typography', () => {
    const sut = composeReminder({ ...facts({ noteFacts, sequence: 2, dueAt: new Date('2026-11-26T16:00:00Z') }), locale: 'fr' });
    expect(sut.subject).toBe('[INC-2026-0007] Réponse due\u202f: Founder threatens action');
    expect(sut.text).toContain('Réponse due sur INC-2026-0007 «\u202fFounder threatens action\u202f».');
    expect(sut.text).toContain('Réponse due à Jean Dupont (message privé du jeu. 26 nov. 2026, 14:00 (Europe/Paris))\u202f: «\u202fDroit de réponse\u202f»');
    expect(sut.text).toContain('En retard\u202f: due depuis le jeu. 26 nov. 2026, 15:00 (Europe/Paris) (il y a 2 heures).');
    expect(sut.text).toContain('Rappel 2 sur 3.');
    expect(sut.text).toContain('Ouvrir l’incident\u202f: https://calumet.example.com/incidents/i1');
    expect(sut.payload['text']).toContain('|Ouvrir l’incident>');
    expect(`${sut.subject}\n${sut.text}`).not.toMatch(/\b(Reply|owed|Overdue|Reminder|Open the)\b/);
  });

  it('says the same facts in English as the note the API keeps', () => {
    const sut = composeReminder({ ...facts({ noteFacts, note: englishNote(noteFacts, 'Europe/Paris') }), locale: 'en' });
    expect(sut.text).toContain('Reply owed to Jean Dupont (direct message of Thu 26 Nov 2026, 14:00 (Europe/Paris)): “Droit de réponse”');
  });
});

describe('a failed check in the recipient’s language', () => {
  it('says what the page check found in French, from the English detail it stored', () => {
    const facts: NoteFacts = [{ key: 'note.promisedChecked', values: { description: 'Retirer le nom', url: 'https://blog.example.com/a', hasReason: 'true', reason: 'the page still mentions "Small Co"' }, words: { reason: 'system' } }];
    expect(sayNote(new Translator('fr', 'Europe/Paris'), facts)).toBe('Promis\u202f: Retirer le nom. Vérifié sur https://blog.example.com/a\u202f: la page mentionne toujours «\u202fSmall Co\u202f»');
    expect(englishNote(facts, 'UTC')).toBe('Promised: Retirer le nom. Checked https://blog.example.com/a: the page still mentions “Small Co”');
  });
});
