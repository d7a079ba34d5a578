import { analyzeSignals } from '../signals/analyzer.js';
import { moveFulfils, proposal, suggestionsOf, type SuggestionComment, type SuggestionContext } from './suggestions.js';

const at = new Date('2026-11-20T09:00:00Z');
const hours = (n: number) => new Date(at.getTime() + n * 3_600_000);

/** A comment with the signals its author's side reads in it: ours outbound, the founder's or a bystander's inbound. */
const comment = (id: string, author: 'ours' | 'founder' | 'bystander', body: string, extra: Partial<SuggestionComment> = {}): SuggestionComment => ({
  id,
  direction: author === 'ours' ? 'outbound' : 'inbound',
  partyId: author === 'ours' ? null : author,
  parentId: null,
  postId: 'post',
  postedAt: at,
  createdAt: hours(100),
  status: 'visible',
  signals: analyzeSignals(body, author === 'ours' ? 'ours' : author === 'founder' ? 'counterpart' : 'bystander'),
  ...extra,
});

const context = (fields: Partial<SuggestionContext>): SuggestionContext => ({
  state: 'heated',
  counterpartId: 'founder',
  comments: [],
  parents: [],
  decided: new Set(),
  anchor: null,
  noticeTypes: new Set(),
  markedComments: new Set(),
  posts: new Map([['post', { url: 'https://blog.example/erreurs/', publishedAt: new Date('2026-09-10T08:00:00Z') }]]),
  newestPost: null,
  ...fields,
});
const keys = (fields: Partial<SuggestionContext>) => suggestionsOf(context(fields)).map((suggestion) => suggestion.key);

describe(suggestionsOf.name, () => {
  it('takes moves and notices from the other side, commitments from ours, and nothing from a bystander', () => {
    const comments = [
      comment('theirs', 'founder', 'Mon avocat vous adressera une mise en demeure.'),
      comment('ours', 'ours', 'Mon avocat est d’accord : je vais passer l’article en noindex.'),
      comment('bystander', 'bystander', 'Je vais porter plainte contre ce blog, et vous recevrez une mise en demeure. Désolé.'),
    ];
    expect(keys({ comments })).toEqual(['state-legal_threat-theirs', 'notice-formal_notice-theirs', 'commitment-noindex-ours']);
  });

  it('suggests one notice per type the threats name, quoting every passage, and none for a threat naming no notice', () => {
    const [notice, ...others] = suggestionsOf(
      context({
        comments: [
          comment('c1', 'founder', 'Expatwire est une marque déposée. Nous prendrons les mesures nécessaires.', { postedAt: hours(0) }),
          comment('c2', 'founder', 'Je rappelle que notre marque est protégée.', { postedAt: hours(2) }),
        ],
      }),
    ).filter((suggestion) => suggestion.type === 'legal_notice');
    expect(others).toEqual([]);
    expect(notice).toMatchObject({
      key: 'notice-trademark_claim-c1',
      commentId: 'c1',
      phrase: 'marque déposée',
      passages: [
        { commentId: 'c1', phrase: 'marque déposée', start: 18, end: 32, rule: expect.stringMatching(/^fr\/legal_threat\/trademark_claim: /) },
        { commentId: 'c2', phrase: 'marque est protégée', start: 22, end: 41 },
      ],
      draft: { type: 'trademark_claim', direction: 'received', senderPartyId: 'founder', receivedVia: 'comment', commentId: 'c1', summary: 'marque déposée … marque est protégée' },
    });
  });

  it('drafts a right of reply claimed in French as French, with the publication date its warnings count from', () => {
    const [notice] = suggestionsOf(context({ comments: [comment('c1', 'founder', "J'exerce mon droit de réponse.")] })).filter((suggestion) => suggestion.type === 'legal_notice');
    expect(notice!.draft).toMatchObject({ type: 'right_of_reply', jurisdiction: 'FR', contentPublishedAt: '2026-09-10T08:00:00.000Z' });
    const [english] = suggestionsOf(context({ comments: [comment('c1', 'founder', 'I exercise my right of reply.')] })).filter((suggestion) => suggestion.type === 'legal_notice');
    expect(english!.draft!['jurisdiction']).toBeUndefined();
  });

  it('leaves out a notice type the incident already records', () => {
    const comments = [comment('c1', 'founder', 'Un huissier a constaté vos articles ; notre marque est déposée.')];
    expect(keys({ comments, noticeTypes: new Set(['bailiff_report']) })).toEqual(['state-legal_threat-c1', 'notice-trademark_claim-c1']);
  });

  it('proposes to mark the other side’s accusation (defamation) or insult for its press-law prescription, once per message, and not once marked', () => {
    const comments = [
      comment('accuses', 'founder', 'Vous vous moquez de nous depuis le début ?'),
      comment('insults', 'founder', 'Ce blog est un torchon minable.'),
      comment('ours', 'ours', 'Ce torchon minable, c’est le nôtre.'),
      comment('bystander', 'bystander', 'Quel torchon minable.'),
    ];
    const marks = suggestionsOf(context({ comments })).filter((suggestion) => suggestion.type === 'prescription');
    expect(marks.map((suggestion) => [suggestion.key, suggestion.draft])).toEqual([
      ['prescription-accuses', { subjectType: 'comment', subjectId: 'accuses', offence: 'defamation' }],
      ['prescription-insults', { subjectType: 'comment', subjectId: 'insults', offence: 'insult' }],
    ]);
    expect(marks[1]!.passages.map((passage) => passage.phrase)).toEqual(['torchon', 'minable']);
    expect(keys({ comments, markedComments: new Set(['accuses']) }).filter((key) => key.startsWith('prescription-'))).toEqual(['prescription-insults']);
    expect(keys({ comments, decided: new Set(['prescription-insults']) }).filter((key) => key.startsWith('prescription-'))).toEqual(['prescription-accuses']);
  });

  it('drops a state suggestion once the incident stands at or beyond it, or is closed', () => {
    const comments = [comment('c1', 'founder', 'Mon avocat est prévenu.')];
    expect(keys({ comments, state: 'formal_dispute' })).toEqual([]);
    expect(keys({ comments, state: 'resolved' })).toEqual([]);
  });

  it('starts state suggestions again past the comment the last move followed: the apology after the threat', () => {
    const comments = [
      comment('threat', 'founder', 'Mon avocat est prévenu.', { postedAt: hours(0) }),
      comment('apology', 'founder', 'Je vous présente mes excuses.', { postedAt: hours(26) }),
      comment('again', 'founder', 'Désolé encore.', { postedAt: hours(-5) }),
    ];
    expect(keys({ comments, state: 'legal_threat', anchor: { postedAfter: hours(0) } })).toEqual(['state-de_escalating-apology']);
    // After a move of one's own, only what was logged since.
    expect(keys({ comments, state: 'legal_threat', anchor: { loggedAfter: hours(100) } })).toEqual([]);
    expect(keys({ comments: [...comments, comment('late', 'founder', 'Toutes mes excuses.', { createdAt: hours(101) })], state: 'legal_threat', anchor: { loggedAfter: hours(100) } })).toEqual([
      'state-de_escalating-late',
    ]);
  });

  it('leaves out decided keys, deleted comments and what is only mentioned', () => {
    const threat = comment('c1', 'founder', 'Mon avocat est prévenu.');
    expect(keys({ comments: [threat], decided: new Set(['state-legal_threat-c1']) })).toEqual([]);
    expect(keys({ comments: [{ ...threat, status: 'deleted' }] })).toEqual([]);
    expect(keys({ comments: [comment('c2', 'founder', 'Une mise en demeure, vraiment ?')] })).toEqual([]);
  });

  it('promises a commitment to the author of the comment it answers, on the post that comment is under', () => {
    const reply = comment('ours', 'ours', 'Cet article passera en noindex.', { parentId: 'plain' });
    const [suggestion] = suggestionsOf(context({ counterpartId: null, parents: [{ id: 'plain', partyId: 'bystander' }], comments: [reply] }));
    expect(suggestion!.draft).toEqual({ kind: 'noindex', description: 'Cet article passera en noindex', promisedAt: at.toISOString(), promisedToPartyId: 'bystander', targetUrl: 'https://blog.example/erreurs/' });
    const [call] = suggestionsOf(context({ comments: [comment('ours', 'ours', 'Je vous appelle jeudi.')] }));
    expect(call!.draft).toEqual({ kind: 'call_back', description: 'Je vous appelle', promisedAt: at.toISOString(), promisedToPartyId: 'founder' });
  });
});

describe('what a suggestion proposes', () => {
  it('is done by a move to its state, or beyond a legal threat to a formal dispute', () => {
    expect(moveFulfils('legal_threat', 'legal_threat')).toBe(true);
    expect(moveFulfils('legal_threat', 'formal_dispute')).toBe(true);
    expect(moveFulfils('de_escalating', 'resolved')).toBe(false);
    expect(moveFulfils('legal_threat', 'heated')).toBe(false);
  });

  it('names the state, the notice type or the commitment kind', () => {
    expect(proposal({ type: 'state', state: 'de_escalating' })).toBe('de_escalating');
    expect(proposal({ type: 'legal_notice', draft: { type: 'bailiff_report' } })).toBe('bailiff_report');
    expect(proposal({ type: 'commitment', draft: { kind: 'noindex' } })).toBe('noindex');
  });
});
