import { en } from './en.js';
import { ENUM_WORDS } from './enums.js';
import { fr } from './fr.js';
import { negotiateLocale, Translator } from './i18n.js';

describe('i18n', () => {
  it('picks the first language Calumet speaks from Accept-Language, by weight', () => {
    expect(negotiateLocale('fr-FR,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(negotiateLocale('de-DE, en;q=0.5, fr;q=0.7')).toBe('fr');
    expect(negotiateLocale('de, es')).toBe('en');
    expect(negotiateLocale(undefined)).toBe('en');
  });

  it('has every message and every enum word in both languages', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(ENUM_WORDS.fr).sort()).toEqual(Object.keys(ENUM_WORDS.en).sort());
  });

  it('formats plurals and names the time zone with every date', () => {
    const sut = new Translator('fr', 'Europe/Paris');
    expect(sut.t('badge.repliesOwed', { count: 2 })).toBe('2 réponses dues');
    expect(sut.dateTime(new Date('2026-01-15T16:02:00Z'))).toBe('15 janv. 2026 17:02 UTC+1');
    expect(new Translator('en', 'Europe/Paris').word('state', 'legal_threat')).toBe('Legal threat');
  });
});

describe(Translator.prototype.problem.name, () => {
  it('says the English sentence of a problem the catalogue has no message for', () => {
    expect(new Translator('fr', 'Europe/Paris').problem({ field: 'x', code: 'no.such.code', message: 'x is wrong' })).toBe('x is wrong');
  });
});
