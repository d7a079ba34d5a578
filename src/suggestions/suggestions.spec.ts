import { analyzeSignals } from '../signals/analyzer.js';
import { sideFrom } from '../signals/sides.js';
import { noticeTypeOf, suggestionsOf, type SuggestionComment } from './suggestions.js';

const at = new Date('2026-11-20T09:00:00Z');
const comment = (id: string, direction: 'inbound' | 'outbound', body: string, extra: Partial<SuggestionComment> = {}): SuggestionComment => ({
  id,
  direction,
  partyId: direction === 'inbound' ? 'founder' : null,
  parentId: null,
  postedAt: at,
  createdAt: new Date(at.getTime() + 1000),
  status: 'visible',
  signals: analyzeSignals(body, sideFrom(direction, undefined)),
  ...extra,
});
const context = { state: 'heated' as const, stateChangedAt: at, counterpartId: 'founder', decided: new Set<string>(), noticedCommentIds: new Set<string>(), parents: [] };

describe(suggestionsOf.name, () => {
  it('names the notice type from the words of the threat, most specific first', () => {
    expect(noticeTypeOf(['droit de réponse', 'marque déposée'])).toBe('right_of_reply');
    expect(noticeTypeOf(['Mon avocat', 'mise en demeure'])).toBe('formal_notice');
    expect(noticeTypeOf(['huissier a constaté'])).toBe('bailiff_report');
    expect(noticeTypeOf(['my lawyers'])).toBe('other');
  });

  it('takes states and notices from inbound comments only, commitments from outbound ones only', () => {
    const suggestions = suggestionsOf({
      ...context,
      comments: [comment('ours', 'outbound', 'Mon avocat est d’accord : je vais passer l’article en noindex.'), comment('theirs', 'inbound', 'Je vais vous envoyer un email, mon avocat est prévenu.')],
    });
    expect(suggestions.map((s) => s.key)).toEqual(['state-legal_threat-theirs', 'commitment-noindex-ours', 'notice-theirs']);
  });

  it('drops a state suggestion once the incident is at or beyond it, and ignores comments logged before the last move', () => {
    const threat = comment('c1', 'inbound', 'Mon avocat est prévenu.');
    expect(suggestionsOf({ ...context, state: 'formal_dispute', comments: [threat] }).map((s) => s.type)).toEqual(['legal_notice']);
    expect(suggestionsOf({ ...context, state: 'resolved', comments: [threat] }).map((s) => s.type)).toEqual(['legal_notice']);
    expect(suggestionsOf({ ...context, stateChangedAt: new Date(at.getTime() + 5000), comments: [threat] }).map((s) => s.type)).toEqual(['legal_notice']);
  });

  it('leaves out decided keys, deleted comments and threats a notice already records', () => {
    const threat = comment('c1', 'inbound', 'Mon avocat est prévenu.');
    expect(suggestionsOf({ ...context, decided: new Set(['state-legal_threat-c1']), noticedCommentIds: new Set(['c1']), comments: [threat] })).toEqual([]);
    expect(suggestionsOf({ ...context, comments: [{ ...threat, status: 'deleted' }] })).toEqual([]);
  });

  it('promises a commitment to the author of the comment it answers, read from the parents when that comment has no signal', () => {
    const reply = comment('ours', 'outbound', 'Je vais passer l’article en noindex.', { parentId: 'plain' });
    const [suggestion] = suggestionsOf({ ...context, counterpartId: null, parents: [{ id: 'plain', partyId: 'bystander' }], comments: [reply] });
    expect(suggestion?.draft?.['promisedToPartyId']).toBe('bystander');
  });
});
