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
    // An empty word would leave a button or a field without a name in one language only (axe reads the desk in French).
    const empty = [...Object.entries(en), ...Object.entries(fr), ...Object.entries(ENUM_WORDS.en), ...Object.entries(ENUM_WORDS.fr)].filter(([, text]) => !String(text).trim());
    expect(empty).toEqual([]);
  });

  it('formats plurals and names the time zone with every date', () => {
    const sut = new Translator('fr', 'Europe/Paris');
    expect(sut.t('badge.repliesOwed', { count: 2 })).toBe('2 réponses dues');
    expect(sut.dateTime(new Date('2026-01-15T16:02:00Z'))).toBe('15 janv. 2026 17:02 UTC+1');
    expect(new Translator('en', 'Europe/Paris').word('state', 'legal_threat')).toBe('Legal threat');
  });

  it('says a calendar date as that day in every zone, even fourteen hours from UTC', () => {
    for (const zone of ['Europe/Paris', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      expect(new Translator('fr', zone).day('2026-12-18')).toBe('18 déc. 2026');
      expect(new Translator('en', zone).day('2026-01-01')).toBe('1 Jan 2026');
    }
  });

  it('groups the digits of an import’s counts in each language', () => {
    const counts = { added: 1200, updated: 0, deleted: 1, unchanged: 28000 };
    expect(new Translator('en', 'Europe/Paris').t('incident.imported', counts)).toBe('Imported: 1,200 new, 0 changed, 1 gone, 28,000 unchanged.');
    expect(new Translator('en', 'Europe/Paris').t('case.importDone', counts)).toBe('Import done: 1,200 new, 0 changed, 1 gone, 28,000 unchanged.');
    expect(new Translator('fr', 'Europe/Paris').t('incident.imported', counts)).toBe('Import\u202f: 1\u202f200 nouveaux, 0 modifié, 1 disparu, 28\u202f000 inchangés.');
  });

  it('formats each minute once, the same as a fresh formatter would, across a change of the clocks', () => {
    const sut = new Translator('fr', 'Europe/Paris');
    const fresh = (at: number, locale: string, zone: string) => {
      const parts = Object.fromEntries(
        new Intl.DateTimeFormat(locale, { timeZone: zone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'shortOffset' })
          .formatToParts(at)
          .map((part) => [part.type, part.value]),
      );
      return locale === 'fr' ? `${parts['day']} ${parts['month']} ${parts['year']} ${parts['hour']}:${parts['minute']} ${parts['timeZoneName']}` : `${parts['day']} ${parts['month']} ${parts['year']}, ${parts['hour']}:${parts['minute']} ${parts['timeZoneName']}`;
    };
    // Clocks go forward in Paris at 01:00 UTC on 29 March 2026: 01:59 UTC+1, then 03:00 UTC+2.
    expect(sut.dateTime('2026-03-29T00:59:59.900Z')).toBe('29 mars 2026 01:59 UTC+1');
    expect(sut.dateTime('2026-03-29T01:00:00.100Z')).toBe('29 mars 2026 03:00 UTC+2');
    // Seconds within a minute, strings and dates, twice over, in two languages and zones: as formatted afresh.
    const start = Date.parse('2026-10-25T00:30:00Z');
    for (const [locale, zone] of [['fr', 'Europe/Paris'], ['en', 'America/New_York']] as const) {
      const translator = new Translator(locale, zone);
      for (let pass = 0; pass < 2; pass++) {
        for (let at = start; at < start + 3 * 3_600_000; at += 7_919) {
          expect(translator.dateTime(pass ? new Date(at) : new Date(at).toISOString())).toBe(fresh(at, locale, zone));
        }
      }
    }
  });
});

describe(Translator.prototype.relative.name, () => {
  const now = new Date('2026-12-05T10:00:00Z');
  const at = (ms: number) => new Date(now.getTime() + ms);
  it('says a time within a minute as now, then in minutes, hours and days, in each language', () => {
    const fr = new Translator('fr', 'Europe/Paris');
    const en = new Translator('en', 'Europe/Paris');
    expect([fr.relative(at(20_000), now), fr.relative(at(-59_000), now), en.relative(at(0), now)]).toEqual(['maintenant', 'maintenant', 'now']);
    expect([fr.relative(at(5 * 60_000), now), en.relative(at(-2 * 3_600_000), now), en.relative(at(86_400_000), now)]).toEqual(['dans 5 minutes', '2 hours ago', 'tomorrow']);
  });

  it('counts days as the calendar days between them in the desk’s zone', () => {
    const fr = new Translator('fr', 'Europe/Paris');
    // Monday 02:53 in Paris; Thursday 02:52 is three days off though a minute short of 72 hours.
    const monday = new Date('2026-12-07T01:53:00Z');
    expect(fr.relative(new Date('2026-12-10T01:52:00Z'), monday)).toBe('dans 3 jours');
    expect(fr.relative(new Date('2026-12-09T01:52:00Z'), monday)).toBe('après-demain');
    expect(new Translator('en', 'Europe/Paris').relative(new Date('2026-12-04T02:00:00Z'), monday)).toBe('3 days ago');
    // 23:00 to 09:00 two days on: 34 hours, the day after tomorrow.
    expect(fr.relative(new Date('2026-12-09T08:00:00Z'), new Date('2026-12-07T22:00:00Z'))).toBe('après-demain');
  });
});

describe(Translator.prototype.problem.name, () => {
  const fr = new Translator('fr', 'Europe/Paris');

  it('says the English sentence of a problem the catalogue has no message for', () => {
    expect(fr.problem({ field: 'x', code: 'no.such.code', message: 'x is wrong' })).toBe('x is wrong');
  });

  it('names the field by its word, with the constraint’s values, in the reader’s language', () => {
    const problem = { field: 'demands.1.description', code: 'validation.maxLength', values: { max: 200 }, message: 'demands.1.description must be shorter than or equal to 200 characters' };
    expect(fr.problem(problem)).toContain('Demande 2 › Description');
    expect(fr.problem(problem)).toContain('200 caractères');
    expect(new Translator('en', 'Europe/Paris').problem(problem)).toBe('Demand 2 › Description must be at most 200 characters long.');
    // French names the field as a field: a bare label (« Quand ne doit pas… ») does not read as a sentence.
    expect(fr.problem(problem)).toMatch(/^Le champ «\u202fDemande 2 › Description\u202f» /);
    const before = { field: 'dueAt', code: 'date.beforeOther', values: { other: 'promisedAt' }, words: { other: 'field' }, message: 'dueAt must not be before promisedAt' };
    expect(fr.problem(before)).toMatch(/^Le champ «\u202f[^»]+\u202f» .*«\u202f[^»]+\u202f»/);
    // A sentence that names its field as a heading keeps the label.
    expect(fr.problem({ field: 'url', code: 'mastodon.notMastodon', values: { origin: 'https://a.example' }, message: 'x' })).toMatch(/^\S+( \S+)*\u202f: https:\/\/a\.example ne répond pas/);
    expect(fr.problem({ field: 'url', code: 'mastodon.notMastodon', values: { origin: 'https://a.example' }, message: 'x' })).not.toContain('Le champ');
  });

  it('says enum values, dates and lists as words, and a field’s own sentence before the code’s', () => {
    const move = { code: 'workflow.illegalMove', values: { workflow: 'incident', from: 'resolved', to: 'monitoring', allowed: ['closed', 'heated'], count: 2 }, words: { from: 'state', to: 'state', allowed: 'state' }, message: 'x' };
    expect(fr.problem(move)).toContain('de Résolu à Sous surveillance');
    expect(fr.problem(move)).toContain('Clos et Tendu');
    expect(fr.problem({ field: 'at', code: 'date.beforePreviousMove', values: { previous: '2026-01-15T16:02:00Z' }, words: { previous: 'date' }, message: 'x' })).toContain('15 janv. 2026');
    expect(fr.problem({ field: 'q', code: 'validation.matches', message: 'q must contain a letter or a digit' })).toBe('Tapez une lettre ou un chiffre à chercher.');
  });

  it('says a list of messages, each with the problem’s values (what stands open on an incident)', () => {
    const closing = { code: 'incident.closeBlocked', values: { ref: 'INC-1', blockers: ['openLegalNotices', 'openCommitments'], openLegalNotices: 2, openCommitments: 1 }, words: { blockers: 'message:openItems' }, message: 'x' };
    expect(new Translator('en', 'Europe/Paris').problem(closing)).toBe(
      'INC-1 cannot be closed while 2 legal notices are open and 1 commitment is still open (pending, failed, or done but not verified).',
    );
  });

  it('falls back to the English sentence when a value the sentence names is missing', () => {
    expect(fr.problem({ code: 'incident.stale', message: 'incident changed meanwhile' })).toBe('incident changed meanwhile');
  });
});

describe('catalogue areas', () => {
  it('never say the same key twice, where one area would silently win over another', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    for (const locale of ['en', 'fr']) {
      const dir = join(import.meta.dirname, locale);
      const owners = new Map<string, string[]>();
      for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
        for (const [, key] of readFileSync(join(dir, file), 'utf8').matchAll(/^\s*'([\w.-]+)':/gm)) owners.set(key!, [...(owners.get(key!) ?? []), file]);
      }
      expect({ locale, twice: [...owners].filter(([, files]) => files.length > 1) }).toEqual({ locale, twice: [] });
    }
  });
});
