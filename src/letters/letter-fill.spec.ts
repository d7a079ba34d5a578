import { SEEDED_LETTER_TEMPLATES } from '../database/migrations/1796350000000-letter-templates.js';
import { Translator } from '../i18n/i18n.js';
import { fillTemplate, letterParagraphs, placeholdersIn, templateProblems } from './letter-fill.js';
import { letterDocument, letterText, type FilledLetter } from './letter-html.js';
import { LETTER_KEYS, LETTER_LANGUAGES, PLACEHOLDERS } from './letter-kinds.js';
import { letterValues, type LetterFacts } from './letter-values.js';

const FACTS: LetterFacts = {
  notice: {
    ref: 'LN-2026-0001',
    receivedAt: '2026-11-02T09:00:00Z',
    sentAt: null,
    summary: 'Remove every mention of the company',
    requestedReply: 'Acme never bought fake followers.',
    demands: [{ description: 'Remove the mention', targetUrl: 'https://blog.example/article' }],
    trackingNumber: null,
  },
  incidentRef: 'INC-2026-0001',
  recipient: { name: 'Marc Fondateur', organisation: 'Acme SAS', postalAddress: '1 rue de la Paix\n75002 Paris' },
  onBehalfOf: null,
  content: { title: 'Les erreurs de débutant', url: 'https://blog.example/article' },
  letterhead: { name: 'Blog Éditions', address: '3 place du Marché\n69001 Lyon' },
  signatory: 'Léa Légale',
  date: new Date('2026-12-03T10:00:00Z'),
  grounds: ['out_of_time', 'comments_open'],
  groundsNote: null,
  decision: null,
};

const valuesIn = (language: 'fr' | 'en', facts: LetterFacts = FACTS) => letterValues(facts, new Translator(language, 'Europe/Paris'));

describe('letter templates', () => {
  it('seeds every letter in French and in English, once each', () => {
    const seeded = SEEDED_LETTER_TEMPLATES.map((template) => `${template.key}/${template.language}`).sort();
    expect(seeded).toEqual(LETTER_KEYS.flatMap((key) => LETTER_LANGUAGES.map((language) => `${key}/${language}`)).sort());
  });

  it.each(SEEDED_LETTER_TEMPLATES.map((template) => [`${template.key} (${template.language})`, template] as const))('fills %s with no placeholder left', (_name, template) => {
    expect([...templateProblems('subject', template.subject), ...templateProblems('body', template.body)]).toEqual([]);
    const values = valuesIn(template.language);
    const filled = `${fillTemplate(template.subject, values)}\n${fillTemplate(template.body, values)}`;
    expect(filled).not.toMatch(/\{\{|\}\}/);
    expect(filled).toContain('LN-2026-0001');
  });

  it('gives every known placeholder a value, and says “to be completed” in the letter’s language for what the record lacks', () => {
    const bare: LetterFacts = { ...FACTS, notice: { ...FACTS.notice, summary: null, receivedAt: null }, recipient: null, content: null, grounds: [] };
    const fr = valuesIn('fr', bare);
    const en = valuesIn('en', bare);
    expect(Object.keys(fr).sort()).toEqual([...PLACEHOLDERS].sort());
    expect(fr.noticeSummary).toBe('[à compléter]');
    expect(fr.noticeReceivedAt).toBe('[à compléter]');
    expect(fr.refusalGrounds).toBe('[à compléter]');
    expect(en.recipientName).toBe('[to be completed]');
    expect(en.dsaDecision).toBe('[to be completed]');
    expect(fr.refusalNote).toBe('');
  });

  it('fills the DSA decision’s placeholders from the notice’s latest decision, in the letter’s language', () => {
    const decided: LetterFacts = {
      ...FACTS,
      decision: { kind: 'remove', decisionGround: 'DECISION_GROUND_ILLEGAL_CONTENT', legalGround: 'Loi du 29 juillet 1881, art. 29', explanation: 'Imputation d’un vol sans fondement.', automatedDetection: false, automatedDecision: 'AUTOMATED_DECISION_NOT_AUTOMATED' },
    };
    const fr = valuesIn('fr', decided);
    expect([fr.dsaDecision, fr.dsaDecisionGrounds, fr.dsaAutomatedMeans]).toEqual([
      'Retrait du contenu',
      'Contenu illicite — Loi du 29 juillet 1881, art. 29 — Imputation d’un vol sans fondement.',
      'recours à des moyens automatisés pour détecter le contenu\u202f: Non\u202f; la décision\u202f: Non automatisée\u202f: prise par une personne',
    ]);
    expect(valuesIn('en', decided).dsaDecision).toBe('Removal of the content');
  });

  it('writes dates as a letter does, in its language and time zone', () => {
    expect(valuesIn('fr').noticeReceivedAt).toBe('2 novembre 2026');
    expect(valuesIn('en').today).toBe('3 December 2026');
  });

  it('says each chosen refusal ground with its legal reference, in the letter’s language', () => {
    const grounds = valuesIn('fr').refusalGrounds.split('\n');
    expect(grounds).toHaveLength(2);
    expect(grounds[0]).toMatch(/^– La demande nous est parvenue plus de trois mois .*art\. 6-IV\)\.$/);
    expect(grounds[1]).toContain('décret n° 2007-1527');
  });
});

describe(fillTemplate.name, () => {
  const values = valuesIn('en');

  it('replaces placeholders with spaces inside the braces', () => {
    expect(fillTemplate('Ref: {{ noticeRef }}.', values)).toBe('Ref: LN-2026-0001.');
  });

  it('fills in one pass: a value holding {{…}} is written as it is', () => {
    expect(fillTemplate('{{noticeSummary}} / {{noticeRef}}', { ...values, noticeSummary: 'see {{noticeRef}}' })).toBe('see {{noticeRef}} / LN-2026-0001');
  });
});

describe(templateProblems.name, () => {
  it('names the field and the placeholder it cannot fill', () => {
    expect(templateProblems('body', 'Dear {{recipientName}}, {{ shoeSize }} and {{shoeSize}}')).toEqual([
      expect.objectContaining({ field: 'body', code: 'letter.unknownPlaceholder', values: { placeholder: '{{shoeSize}}' }, message: expect.stringContaining('{{shoeSize}}') }),
    ]);
  });

  it('refuses braces that open or close no placeholder', () => {
    expect(templateProblems('subject', 'About {{noticeRef')).toEqual([expect.objectContaining({ field: 'subject', code: 'letter.brokenPlaceholder' })]);
    expect(templateProblems('subject', 'About {noticeRef}')).toEqual([]);
  });

  it('lists the placeholders a template uses, each once', () => {
    expect(placeholdersIn('{{a}} {{ b }} {{a}}')).toEqual(['a', 'b']);
  });
});

describe('printed letter', () => {
  const hostile = `<script>alert('x')</script> & "Co"`;
  const letter: FilledLetter = {
    key: 'formal_notice_acknowledgement',
    language: 'fr',
    noticeId: 'n',
    incidentId: 'i',
    noticeRef: 'LN-2026-0001',
    name: 'Accusé',
    letterhead: { name: 'Blog Éditions', address: '3 place du Marché\n69001 Lyon' },
    recipient: { name: hostile, address: '1 rue <b>de la Paix</b>' },
    dateLine: 'Le 3 décembre 2026',
    referenceLine: 'Nos références : INC-2026-0001 / LN-2026-0001',
    subjectLine: `Objet : ${hostile}`,
    subject: hostile,
    body: `Madame, Monsieur,\n\nVotre texte : ${hostile}\nsur deux lignes.\n\n\nSignature`,
  };

  it('escapes every value of the record on the page', () => {
    const page = letterDocument(letter);
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<b>');
    expect(page).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;');
  });

  it('makes a paragraph of each block and keeps its line breaks', () => {
    expect(letterParagraphs('One\ntwo\n\n\nThree').toString()).toBe('<p>One<br>two</p><p>Three</p>');
  });

  it('logs the letter as plain text: letterhead, recipient, date, reference and subject, then the body', () => {
    const text = letterText(letter);
    expect(text.startsWith('Blog Éditions\n3 place du Marché\n69001 Lyon\n\n')).toBe(true);
    expect(text).toContain(`${hostile}\n1 rue <b>de la Paix</b>\n\nLe 3 décembre 2026\n\nNos références`);
    expect(text.endsWith('Signature')).toBe(true);
  });
});
