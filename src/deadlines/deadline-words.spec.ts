import { CURRENT_SEEDED_DEADLINE_RULES } from '../database/migrations/1796340000000-right-of-reply-length.js';
import { Translator } from '../i18n/i18n.js';
import type { DeadlineRule } from './deadline-rule.entity.js';
import { computeDeadline, type NoticeClock } from './deadline-calculator.js';
import { basisWords, ruleNoteWords, warningWords } from './deadline-words.js';

const RULE: DeadlineRule = {
  jurisdiction: 'FR',
  noticeType: 'right_of_reply',
  clockStarts: 'receivedAt',
  period: 'P3D',
  dayCount: 'calendar',
  reference: 'Loi du 29 juillet 1881, art. 13',
  note: null,
  validity: { maxAgeAfterPublication: 'P3M', proofOfReceiptVia: ['registered_mail', 'bailiff'], requestedReplyRequired: true },
  preferStatedDeadline: false,
};
const NOTICE: NoticeClock = {
  type: 'right_of_reply',
  jurisdiction: 'FR',
  receivedAt: new Date('2026-06-10T09:00:00Z'),
  acknowledgedAt: null,
  sentAt: null,
  statedDeadline: null,
  publishedAt: new Date('2026-01-05T09:00:00Z'),
  receivedVia: 'email',
  requestedReply: null,
};
const fr = new Translator('fr', 'Europe/Paris');
const en = new Translator('en', 'Europe/Paris');

describe('deadline words', () => {
  const deadline = computeDeadline([RULE], NOTICE, 'Europe/Paris');

  it('keeps the English sentence of the API and says the basis from its facts in the reader’s language', () => {
    expect(deadline.deadlineBasis).toBe('FR right_of_reply rule: 3 days from receipt (Loi du 29 juillet 1881, art. 13)');
    expect(basisWords(fr, deadline.deadlineBasisFacts, deadline.deadlineBasis)).toBe('Droit de réponse (FR)\u202f: 3\u00a0jours à compter de la réception (Loi du 29 juillet 1881, art. 13)');
    expect(basisWords(en, deadline.deadlineBasisFacts, deadline.deadlineBasis)).toBe('Right of reply (FR): 3 days from receipt (Loi du 29 juillet 1881, art. 13)');
    const business = computeDeadline([{ ...RULE, period: 'P1D', dayCount: 'business', jurisdiction: '*' }], NOTICE, 'Europe/Paris');
    expect(basisWords(fr, business.deadlineBasisFacts, business.deadlineBasis)).toContain('Droit de réponse (toute juridiction)\u202f: 1 jour ouvré');
  });

  it('says a deadline set by hand as such, even for a notice recorded before the facts were kept', () => {
    expect(basisWords(fr, { kind: 'manual', reason: 'accord avec l’avocat' }, 'set by hand: accord avec l’avocat')).toBe('fixé à la main\u202f: accord avec l’avocat');
    expect(basisWords(fr, null, 'set by hand: x')).toBe('fixé à la main\u202f: x');
    expect(basisWords(fr, null, 'some old sentence')).toBe('some old sentence');
  });

  it('says every validity warning in French from its values, with words for channels and periods', () => {
    const codes = deadline.validity.map((warning) => warning.code).sort();
    expect(codes).toEqual(['receipt_not_proven', 'request_out_of_time', 'requested_reply_missing']);
    const said = deadline.validity.map((warning) => warningWords(fr, warning)).join('\n');
    expect(said).toContain('La demande est arrivée le 10 juin 2026, plus de 3\u00a0mois après la publication du contenu le 5 janvier 2026');
    expect(said).toContain('arrivée par e-mail');
    expect(said).toContain('par lettre recommandée avec accusé de réception ou commissaire de justice');
    expect(said).not.toMatch(/\b(the|request|registered_mail|P3M)\b/);
    const unknown = computeDeadline([RULE], { ...NOTICE, receivedAt: null, sentAt: new Date('2026-06-10T09:00:00Z') }, 'Europe/Paris');
    expect(unknown.validity.map((warning) => warningWords(fr, warning))).toContain('Pas encore de délai\u202f: la règle compte 3\u00a0jours à compter de la réception, date encore inconnue.');
  });

  it('says a warning recorded without values by its English sentence', () => {
    expect(warningWords(fr, { code: 'comments_open', message: 'old words' })).toBe('old words');
  });
});

describe(ruleNoteWords.name, () => {
  const en = new Translator('en', 'Europe/Paris');
  const fr = new Translator('fr', 'Europe/Paris');

  it.each(CURRENT_SEEDED_DEADLINE_RULES.map((rule) => [rule.noticeType, rule] as const))('says the seeded note of %s in French, and in English without an API name', (_type, rule) => {
    const french = ruleNoteWords(fr, rule)!;
    const english = ruleNoteWords(en, rule)!;
    expect(french).not.toBe(rule.note);
    expect(french).not.toMatch(/\b(the|of|within|statedDeadline)\b/);
    expect(english).not.toMatch(/statedDeadline/);
    expect(english).toMatch(/^[A-Z][^]+\.$/);
  });

  it('says a note an admin wrote as written, in every language', () => {
    const rule = CURRENT_SEEDED_DEADLINE_RULES.find((seeded) => seeded.noticeType === 'formal_notice')!;
    expect(ruleNoteWords(fr, { ...rule, note: 'Set statedDeadline.' })).toBe('Set statedDeadline.');
    expect(ruleNoteWords(fr, { ...rule, noticeType: 'takedown_request' })).toBe(rule.note);
    expect(ruleNoteWords(en, { ...rule, note: null })).toBeNull();
  });
});
