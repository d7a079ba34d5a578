import { Translator } from '../i18n/i18n.js';
import { sayNote } from '../reminders/reminder-note.js';
import { prescriptionNote } from './prescription-reminders.js';

describe(prescriptionNote.name, () => {
  const mark = { offence: 'defamation' as const, subjectType: 'comment' as const, prescribesAt: new Date('2027-03-01T22:59:59.999Z'), ruleReference: 'Loi du 29 juillet 1881, art. 65' };

  it('says the offence, the message, the date and the rule, then that a formal notice does not interrupt the prescription (English)', () => {
    expect(sayNote(new Translator('en', 'Europe/Paris'), prescriptionNote(mark, 'INC-2026-0007'))).toBe(
      'The defamation alleged in a message of INC-2026-0007 is time-barred after Mon 1 Mar 2027, 23:59 (Europe/Paris) (Loi du 29 juillet 1881, art. 65). A formal notice does not interrupt this prescription: only an act of prosecution or procedure does.',
    );
  });

  it('says it in French, with the article the offence takes and the elision of « de »', () => {
    const said = sayNote(new Translator('fr', 'Europe/Paris'), prescriptionNote({ ...mark, offence: 'insult', subjectType: 'post' }, 'INC-2026-0007'));
    expect(said).toMatch(/^L’injure reprochée dans une publication d’INC-2026-0007 est prescrite après le lun\. 1 mars 2027, 23:59 \(Europe\/Paris\)/);
    expect(said).toContain('Une mise en demeure n’interrompt pas cette prescription\u202f: seul un acte de poursuite ou de procédure l’interrompt.');
  });
});
