import { readFileSync } from 'node:fs';
import { startApp, type TestApp } from './helpers/app.js';
import { createIncident, createParty, timelineOf } from './helpers/fixtures.js';
import { startWordPress, type WordPress } from './helpers/wordpress.js';

interface Story {
  post: { title: string; slug: string; daysBeforeFirstComment: number };
  owner: { name: string; handle: string };
  counterpart: { name: string; kind: string; organisation: string };
  comments: Array<{ author: string; email?: string; url?: string; owner?: boolean; parent?: number; hours: number; content: string }>;
}
type Signal = { kind: string; phrase: string; commitmentKind?: string; noticeType?: string; mention?: string };
type Comment = { id: string; externalId: string; partyId: string | null; direction: string; signals: Signal[] };
type Suggestion = { key: string; type: string; status: string; state?: string; commentId: string; passages: Array<{ commentId: string; phrase: string }>; draft?: Record<string, unknown>; warnings?: Array<{ code: string }> };

const story = JSON.parse(readFileSync(new URL('./fixtures/signals/story-thread.json', import.meta.url), 'utf8')) as Story;
/** UTC as WordPress stores it. */
const wpDate = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ');
/** What a comment says, as `kind` or `kind:commitment|notice`, mentions apart. */
const said = (comment: Comment) => comment.signals.filter((signal) => !signal.mention).map((signal) => [signal.kind, signal.commitmentKind ?? signal.noticeType].filter(Boolean).join(':'));

/** The thread of docs/design.md §1, written into Debian's WordPress and imported through its REST API. */
describe('the story’s thread, imported from WordPress', () => {
  let t: TestApp;
  let wp: WordPress;
  let owner: { id: string; token: string };
  let legal: { token: string };
  let post: { id: number; url: string };
  const ids: number[] = [];
  const first = new Date(Date.now() - 3 * 86_400_000);

  beforeAll(async () => {
    await Promise.all([startApp().then((app) => (t = app)), startWordPress().then((blog) => (wp = blog))]);
    owner = await t.createUser('community_manager', story.owner.name);
    legal = await t.createUser('legal');
    await t.api().patch(`/api/users/${owner.id}`).send({ handles: [story.owner.handle] }).expect(200);
    post = await wp.insertPost({ title: story.post.title, slug: story.post.slug, dateGmt: wpDate(new Date(first.getTime() - story.post.daysBeforeFirstComment * 86_400_000)) });
    for (const comment of story.comments) {
      ids.push(
        await wp.insertComment({
          post: post.id,
          author: comment.author,
          email: comment.email,
          url: comment.url,
          content: comment.content,
          ...(comment.owner && comment.author === story.owner.name ? { userId: wp.adminId } : {}),
          ...(comment.parent !== undefined ? { parent: ids[comment.parent] } : {}),
          dateGmt: wpDate(new Date(first.getTime() + comment.hours * 3_600_000)),
        }),
      );
    }
  }, 90_000);
  afterAll(async () => {
    await Promise.all([t?.close(), wp?.close()]);
  });

  it('reads each comment as the issue says, links the imported David to the counterpart, and suggests the notices, moves and commitment, each on its passages', async () => {
    const counterpart = await createParty(t, story.counterpart);
    const incident = await createIncident(t, { ownerId: owner.id, counterpartId: counterpart.id });
    await t.api().post('/api/imports/wordpress').send({ incidentId: incident.id, postUrl: post.url }).expect(200);
    const comments = (await t.api().get(`/api/incidents/${incident.id}/comments?limit=100`).expect(200)).body.items as Comment[];
    const byIndex = (i: number) => comments.find((comment) => comment.externalId === String(ids[i]))!;

    // The founder's threat: a legal threat, a trademark claim, a bailiff's record, an accusation and a right-of-reply claim.
    expect(said(byIndex(0)).sort()).toEqual(['accusation', 'legal_threat', 'legal_threat:bailiff_report', 'legal_threat:right_of_reply', 'legal_threat:trademark_claim'].sort());
    // Our reply asks for a letter from his lawyer: no threat, an offer to be called.
    expect(said(byIndex(1))).toEqual(['contact_offer']);
    // The founder's apology: an apology and an offer to call.
    expect(said(byIndex(4))).toEqual(['apology', 'contact_offer']);
    expect(byIndex(4).signals.find((signal) => signal.kind === 'contact_offer')!.phrase).toMatch(/^Je vous propose d’échanger/);
    // The owner's last comment: the apology accepted, the noindex promise (and the email she says she sends).
    expect(said(byIndex(5))).toEqual(['de_escalation', 'de_escalation', 'commitment:noindex', 'commitment:send_message']);
    expect(byIndex(5).signals.find((signal) => signal.commitmentKind === 'noindex')!.phrase).toBe('Cet article passera en noindex');
    // Bystanders: "ça me désole" is no apology, a hypothetical complaint only a mention, an article on bailiffs a topic.
    for (const i of [2, 3, 6, 7, 8, 9]) expect(said(byIndex(i))).toEqual([]);
    expect(byIndex(8).signals).toEqual([expect.objectContaining({ kind: 'legal_threat', mention: 'hypothetical' })]);

    // The imported "David" is the counterpart "David (Expatwire)", not a second David.
    expect(byIndex(0).partyId).toBe(counterpart.id);
    expect(byIndex(4).partyId).toBe(counterpart.id);
    const davids = (await t.api().get('/api/parties?q=David').expect(200)).body.items as Array<{ id: string }>;
    expect(davids.map((party) => party.id)).toEqual([counterpart.id]);

    const suggestions = (await t.api().get(`/api/incidents/${incident.id}`).expect(200)).body.suggestions as Suggestion[];
    expect(suggestions.map((suggestion) => [suggestion.key, suggestion.passages.map((passage) => passage.phrase)])).toEqual([
      [
        `state-legal_threat-${byIndex(0).id}`,
        ['j’exerce par la présente mon droit de réponse', 'marque déposée', 'huissier de justice a constaté', 'les mesures nécessaires'],
      ],
      [`notice-right_of_reply-${byIndex(0).id}`, ['j’exerce par la présente mon droit de réponse']],
      [`notice-trademark_claim-${byIndex(0).id}`, ['marque déposée']],
      [`notice-bailiff_report-${byIndex(0).id}`, ['huissier de justice a constaté']],
      // His accusation ("you used our tweet without our authorisation") may be a press offence: following its prescription is proposed, not decided.
      [`prescription-${byIndex(0).id}`, ['sans notre autorisation']],
      [`commitment-noindex-${byIndex(5).id}`, ['Cet article passera en noindex']],
      [`commitment-send_message-${byIndex(5).id}`, ['je vous envoie un email']],
    ]);
    for (const suggestion of suggestions) for (const passage of suggestion.passages) expect(passage.commentId).toBe(suggestion.commentId);
    const rightOfReply = suggestions[1]!;
    expect(rightOfReply.draft).toMatchObject({ type: 'right_of_reply', jurisdiction: 'FR', senderPartyId: counterpart.id, receivedVia: 'comment' });
    expect(rightOfReply.warnings!.map((warning) => warning.code)).toContain('comments_open');
    // Published 70 days before: the request is within its 3 months.
    expect(rightOfReply.warnings!.map((warning) => warning.code)).not.toContain('request_out_of_time');
    expect(suggestions.find((suggestion) => suggestion.type === 'legal_notice' && suggestion.draft!['type'] === 'trademark_claim')!.draft!['senderPartyId']).toBe(counterpart.id);
    expect(suggestions[4]!.draft).toMatchObject({ subjectType: 'comment', subjectId: byIndex(0).id, offence: 'defamation' });
    expect(suggestions[5]!.draft).toMatchObject({ kind: 'noindex', targetUrl: post.url, promisedToPartyId: counterpart.id });

    // Taking up the threat, then the apology that followed it.
    await t.api(owner.token).post(`/api/incidents/${incident.id}/suggestions/state-legal_threat-${byIndex(0).id}/accept`).send({}).expect(200);
    const after = (await t.api().get(`/api/incidents/${incident.id}`).expect(200)).body.suggestions as Suggestion[];
    expect(after.filter((suggestion) => suggestion.type === 'state').map((suggestion) => [suggestion.state, suggestion.commentId])).toEqual([['de_escalating', byIndex(4).id]]);

    // The notices as legal would record them from the suggestions.
    const recorded = await t.api(legal.token).post(`/api/incidents/${incident.id}/suggestions/notice-right_of_reply-${byIndex(0).id}/accept`).send({}).expect(200);
    const notice = (await t.api(legal.token).get(`/api/legal-notices/${recorded.body.result.id}`).expect(200)).body;
    expect(notice).toMatchObject({ type: 'right_of_reply', jurisdiction: 'FR', commentId: byIndex(0).id, senderPartyId: counterpart.id });
    expect(notice.validity.map((warning: { code: string }) => warning.code)).toContain('comments_open');
    expect((await timelineOf(t, incident.id)).map((event) => event.type)).toContain('suggestion.accepted');
  });

  it('proposes an author bearing the counterpart’s first name as the same person, and merges them in one click', async () => {
    const counterpart = await createParty(t, { kind: 'person', name: 'David Martin (Expatwire)' });
    const other = await wp.insertPost({ title: 'Un autre billet', slug: 'un-autre-billet-david' });
    await wp.insertComment({ post: other.id, author: 'David M.', url: 'https://dm.example', content: 'Mon avocat vous contactera.', dateGmt: wpDate(first) });
    const incident = await createIncident(t, { ownerId: owner.id, counterpartId: counterpart.id });
    await t.api().post('/api/imports/wordpress').send({ incidentId: incident.id, postUrl: other.url }).expect(200);
    const [comment] = (await t.api().get(`/api/incidents/${incident.id}/comments`).expect(200)).body.items as Comment[];
    expect(comment!.partyId).not.toBe(counterpart.id);

    const suggestions = (await t.api().get(`/api/incidents/${incident.id}`).expect(200)).body.suggestions as Suggestion[];
    const same = suggestions.find((suggestion) => suggestion.type === 'same_party')!;
    expect(same).toMatchObject({
      key: `same_party-${comment!.partyId}-${counterpart.id}`,
      commentId: comment!.id,
      draft: { keepPartyId: counterpart.id, mergePartyId: comment!.partyId, keepName: 'David Martin (Expatwire)', mergeName: 'David M.' },
    });
    // The bystander's side until then: a threat from someone not the counterpart suggests nothing.
    expect(suggestions.map((suggestion) => suggestion.type)).toEqual(['same_party']);

    await t.api(owner.token).post(`/api/incidents/${incident.id}/suggestions/${same.key}/accept`).send({}).expect(200);
    const merged = (await t.api().get(`/api/comments/${comment!.id}`).expect(200)).body;
    expect(merged.partyId).toBe(counterpart.id);
    await t.api().get(`/api/parties/${comment!.partyId}`).expect(404);
    expect((await t.api().get(`/api/parties/${counterpart.id}`).expect(200)).body).toMatchObject({ name: 'David Martin (Expatwire)', url: 'https://dm.example' });
    const events = await timelineOf(t, incident.id);
    expect(events.slice(-2).map((event) => [event.type, event.payload])).toEqual([
      ['party.merged', { keptPartyId: counterpart.id, mergedPartyId: comment!.partyId, keptName: 'David Martin (Expatwire)', mergedName: 'David M.' }],
      ['suggestion.accepted', expect.objectContaining({ key: same.key, type: 'same_party', result: { type: 'party', id: counterpart.id } })],
    ]);
    // Now the counterpart's: the threat suggests its move.
    const now = (await t.api().get(`/api/incidents/${incident.id}`).expect(200)).body.suggestions as Suggestion[];
    expect(now.map((suggestion) => suggestion.key)).toEqual([`state-legal_threat-${comment!.id}`]);
  });
});
