import { contactsAgree, nameLikeness, personKey } from './person-name.js';

describe(personKey.name, () => {
  it('folds case and accents, and leaves out the company in brackets or after a dash, bar or at sign', () => {
    for (const name of ['David', 'DAVID', 'Dávid', 'David (Expatwire)', 'David [Expatwire]', 'David – Expatwire', 'David | Expatwire', 'David @ Expatwire', 'david@expatwire', '  David.  ']) {
      expect(personKey(name)).toBe('david');
    }
    expect(personKey('Jean-Marc Dupont')).toBe('jean marc dupont');
    expect(personKey('Élodie (EXPATWIRE) Martin')).toBe('elodie martin');
  });
});

describe(nameLikeness.name, () => {
  it('says same for one name written two ways, partial for the same first name, nothing for two first names', () => {
    expect(nameLikeness('David', 'David (Expatwire)')).toBe('same');
    expect(nameLikeness('david martin', 'David MARTIN')).toBe('same');
    expect(nameLikeness('David', 'David Martin')).toBe('partial');
    expect(nameLikeness('David M.', 'David Martin')).toBe('partial');
    expect(nameLikeness('Davidson', 'David')).toBeNull();
    expect(nameLikeness('Marc', 'Marie')).toBeNull();
    expect(nameLikeness('(Expatwire)', 'David')).toBeNull();
  });
});

describe(contactsAgree.name, () => {
  it('holds unless both emails or both sites are known and differ', () => {
    expect(contactsAgree({ email: null, url: null }, { email: 'd@x.fr', url: 'https://x.fr' })).toBe(true);
    expect(contactsAgree({ email: 'D@X.fr', url: 'http://www.x.fr/' }, { email: 'd@x.fr', url: 'https://x.fr' })).toBe(true);
    expect(contactsAgree({ email: 'd@x.fr', url: null }, { email: 'e@x.fr', url: null })).toBe(false);
    expect(contactsAgree({ email: null, url: 'https://a.fr' }, { email: null, url: 'https://b.fr' })).toBe(false);
  });
});
