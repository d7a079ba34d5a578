import { fr } from './fr.js';
import { ENUM_WORDS } from './enums.js';
import { EVENT_SENTENCES } from './events.js';
import { elide, Translator } from './i18n.js';

/** Every French text Calumet says: the catalogue, the enum words, the timeline's sentences. */
const FRENCH: Array<[string, string]> = [
  ...Object.entries(fr),
  ...Object.entries(ENUM_WORDS.fr).map(([key, text]): [string, string] => [`enum ${key}`, text]),
  ...Object.entries(EVENT_SENTENCES.fr).map(([key, text]): [string, string] => [`event ${key}`, text]),
];

/** Code quoted as it must be typed (an HTTP header), not French prose. */
const CODE = [/Authorization: Bearer/g, /[a-z]+:\/\/\S*/g];
const prose = (text: string) => CODE.reduce((out, pattern) => out.replace(pattern, ''), text);

/** Values that are counts: a noun after one must be an ICU plural ("1 événement", never "1 événements"). */
const COUNTS = /\{(count|events|added|updated|deleted|unchanged|min|limit|bytes|size|demands|days|total|incidents)\} (?!par\b|fois\b)\p{L}/u;

describe('French typography', () => {
  it('has a narrow no-break space (U+202F) before : ; ? ! and inside « »', () => {
    const wrong = FRENCH.filter(([, text]) => /(?<!\u202f)[;:?!](?=[\s{}»)]|$)/u.test(prose(text)) || /«(?!\u202f)|(?<!\u202f)»/.test(text));
    expect(FRENCH.length).toBeGreaterThan(500);
    expect(wrong).toEqual([]);
  });

  it('says counts with ICU plurals', () => {
    expect(FRENCH.filter(([, text]) => COUNTS.test(text))).toEqual([]);
    const t = new Translator('fr', 'Europe/Paris');
    expect(t.t('incident.timelineHead', { count: 1, head: 'ab' })).toBe('La chaîne compte 1 événement. Empreinte de tête\u202f: ab');
    expect(t.t('incident.timelineHead', { count: 2, head: 'ab' })).toContain('2 événements');
  });

  it('elides, in the catalogue and where a value meets a short word', () => {
    expect(FRENCH.filter(([, text]) => /(?<![\p{L}’'-])(que|de|le|la|ne|se|jusque|lorsque|puisque) (?=[aeiouyàâéèêëîïôûü])/iu.test(text))).toEqual([]);
    expect(FRENCH.filter(([, text]) => /'/.test(text))).toEqual([]);
    expect(elide('en tant que admin, de Apaisement à Tendu, le incident, de Hélène')).toBe('en tant qu’admin, d’Apaisement à Tendu, l’incident, de Hélène');
    expect(elide('un message de Le fondateur, à les lecteurs, de Les Échos')).toBe('un message du fondateur, aux lecteurs, des Échos');
    const t = new Translator('fr', 'Europe/Paris');
    const move = { code: 'workflow.illegalMove', values: { workflow: 'incident', from: 'de_escalating', to: 'reported', allowed: ['heated'], count: 1 }, words: { from: 'state', to: 'state', allowed: 'state' }, message: 'x' };
    expect(t.problem(move)).toContain('d’Apaisement');
    expect(t.problem(move)).not.toMatch(/\bde Apaisement/);
  });
});
