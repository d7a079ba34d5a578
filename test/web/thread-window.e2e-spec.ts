import type { Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app.js';
import { addComment, createIncident, createParty } from '../helpers/fixtures.js';
import { DeskBrowser } from './browser.js';
import { csrfOf, inviteUrl, PASSWORD, signedIn } from './web-helpers.js';

/**
 * A long thread on the incident page: a window of it (the latest 50
 * messages and every older one still owed a reply), the earlier ones a page
 * at a time (htmx in place, a link without JavaScript), and the message to
 * answer found by a search rather than chosen among all of them.
 */
describe('web desk: a long thread, a window of it', () => {
  let t: TestApp;
  let desk: DeskBrowser;
  let manager: Awaited<ReturnType<typeof signedIn>>;
  let incidentId: string;
  /** The thread's messages by number, the earliest first. */
  const ids: string[] = [];
  /** The two older messages still owed a reply (numbers 3 and 10). */
  const OWED = [3, 10];
  const start = Date.UTC(2026, 2, 1, 8);

  beforeAll(async () => {
    t = await startApp();
    desk = await DeskBrowser.open(t);
    manager = await signedIn(t, 'community_manager', 'Marie-Aude');
    const party = await createParty(t, { name: 'Le fondateur' });
    incidentId = (await createIncident(t, { ownerId: manager.id, counterpartId: party.id })).id;
    for (let i = 0; i < 120; i++) {
      const inbound = i % 2 === 0 || OWED.includes(i);
      const body = i === 5 ? 'Le message du 5 parle d’un hippopotame.' : `Message ${i} of a long thread.`;
      const comment = await addComment(t, incidentId, {
        direction: inbound ? 'inbound' : 'outbound',
        ...(inbound ? { authorName: `Lecteur ${i % 7}`, needsResponse: OWED.includes(i) } : {}),
        postedAt: new Date(start + i * 60_000).toISOString(),
        body,
      });
      ids.push(comment.id);
    }
  });
  afterAll(async () => {
    await desk?.close();
    await t?.close();
  });
  afterEach(() => expect(desk.problems.splice(0)).toEqual([]));

  const shownIds = async (page: Page) => page.$$eval('[data-testid="comment"]', (items) => items.map((item) => item.id.slice('comment-'.length)));
  const numbersOf = (shown: string[]) => shown.map((id) => ids.indexOf(id));
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

  async function signedInPage(options: { javaScript?: boolean } = {}): Promise<Page> {
    const person = await t.createUser('community_manager');
    const page = await desk.page('en-GB', options);
    await page.goto(`${desk.base}${await inviteUrl(t, person.id)}`);
    await page.fill('#invite-password', PASSWORD);
    await page.fill('#invite-confirm', PASSWORD);
    await Promise.all([page.waitForURL(`${desk.base}/`, { timeout: 10_000 }), page.click('button[type="submit"] >> text=Set my password')]);
    return page;
  }

  it('shows the latest 50 messages and the older ones owed a reply, no other', async () => {
    const page = await manager.agent.get(`/incidents/${incidentId}`).expect(200);
    const shown = [...page.text.matchAll(/data-testid="comment" id="comment-([0-9a-f-]+)"/g)].map((match) => ids.indexOf(match[1]!));
    expect(shown).toEqual([...OWED, ...range(70, 120)]);
    expect(page.text).toContain('2 older messages still owed a reply');
    expect(page.text).toContain('data-testid="earlier-link"');
  });

  it('loads the earlier messages in place with htmx, a page at a time, each message once, until the thread’s start', async () => {
    const page = await signedInPage();
    await page.goto(`${desk.base}/incidents/${incidentId}`);
    expect(numbersOf(await shownIds(page))).toEqual([...OWED, ...range(70, 120)]);
    await page.click('[data-testid="earlier-link"]');
    await page.locator(`#comment-${ids[20]}`).waitFor();
    expect(numbersOf(await shownIds(page))).toEqual([...OWED, ...range(20, 120)]);
    // The control that came with the page has the focus: the keyboard goes on where it was.
    expect(await page.evaluate('document.activeElement?.dataset.testid')).toBe('earlier-link');
    await page.keyboard.press('Enter');
    await page.locator(`#comment-${ids[0]}`).waitFor();
    const all = numbersOf(await shownIds(page));
    expect(all).toEqual([...OWED, ...range(0, 120).filter((n) => !OWED.includes(n))]);
    expect(new Set(all).size).toBe(120);
    expect(await page.locator('[data-testid="earlier-link"]').count()).toBe(0);
    expect(page.url()).toBe(`${desk.base}/incidents/${incidentId}`);
  }, 90_000);

  it('without JavaScript, the control is a link to the page of earlier messages, which links further back and to the latest', async () => {
    const page = await signedInPage({ javaScript: false });
    await page.goto(`${desk.base}/incidents/${incidentId}`);
    await Promise.all([page.waitForURL(/\/earlier\?before=/), page.click('[data-testid="earlier-link"]')]);
    expect(numbersOf(await shownIds(page))).toEqual([...OWED, ...range(20, 70)]);
    expect(await page.locator('[data-testid="latest-link"]').count()).toBe(1);
    await Promise.all([page.waitForURL(/\/earlier\?before=/), page.click('[data-testid="earlier-link"]')]);
    expect(numbersOf(await shownIds(page))).toEqual([...OWED, ...range(0, 20).filter((n) => !OWED.includes(n))]);
    expect(await page.locator('[data-testid="earlier-link"]').count()).toBe(0);
    await Promise.all([page.waitForURL(`${desk.base}/incidents/${incidentId}#thread`), page.click('[data-testid="latest-link"]')]);
    expect(numbersOf(await shownIds(page))).toEqual([...OWED, ...range(70, 120)]);
  }, 90_000);

  it('offers the 20 longest-waiting of many older messages owed as choices, and says how many more, in English and French', async () => {
    const party = await createParty(t, { name: 'Une lectrice' });
    const many = (await createIncident(t, { ownerId: manager.id, counterpartId: party.id })).id;
    const numbered: string[] = [];
    // 25 older messages owed a reply, then 50 later ones answered or not owed.
    for (let i = 0; i < 75; i++) {
      const owed = i < 25;
      const comment = await addComment(t, many, {
        direction: owed || i % 2 === 0 ? 'inbound' : 'outbound',
        ...(owed || i % 2 === 0 ? { authorName: `Lectrice ${i}`, needsResponse: owed } : {}),
        postedAt: new Date(start + i * 60_000).toISOString(),
        body: `Message ${i}.`,
      });
      numbered.push(comment.id);
    }
    const offered = (text: string) => [...text.matchAll(/name="parentId" value="([0-9a-f-]+)"/g)].map((match) => numbered.indexOf(match[1]!));
    const english = await manager.agent.get(`/incidents/${many}`).expect(200);
    // The page's 20 latest, then the 20 of the owed that waited longest (0 to 19), the latest first; 5 owed left to the search.
    expect(offered(english.text)).toEqual([...range(55, 75).reverse(), ...range(0, 20).reverse()]);
    expect(english.text).toContain('5 more messages owed a reply are not listed: find one by its author or words above, or answer it with Reply under it.');
    // Each owed message is still on the page with its own Reply link.
    for (const id of numbered.slice(0, 25)) expect(english.text).toContain(`id="comment-${id}"`);
    const french = await manager.agent.get(`/incidents/${many}`).set('Accept-Language', 'fr').expect(200);
    expect(french.text).toContain('5 autres messages attendant une réponse ne sont pas listés\u202f: cherchez-les ci-dessus par leur auteur ou leurs mots, ou répondez à chacun avec «\u202fRépondre\u202f» sous le message.');
    // A search lists what it finds, without the line.
    const found = await manager.agent.get(`/incidents/${many}/message-choices?q=${encodeURIComponent('Message 22')}`).set('HX-Request', 'true').expect(200);
    expect(offered(found.text)).toContain(22);
    expect(found.text).not.toContain('data-testid="reply-choices-more"');
  });

  it('shows apart the 50 longest-waiting of 60 older messages owed, says where the other 10 are, and they come in their place with the earlier messages', async () => {
    const party = await createParty(t, { name: 'Un lecteur' });
    const many = (await createIncident(t, { ownerId: manager.id, counterpartId: party.id })).id;
    const numbered: string[] = [];
    // 60 older messages owed a reply, then 50 later ones not owed.
    for (let i = 0; i < 110; i++) {
      const comment = await addComment(t, many, {
        direction: 'inbound',
        authorName: `Lecteur ${i}`,
        needsResponse: i < 60,
        postedAt: new Date(start + i * 60_000).toISOString(),
        body: `Message ${i}.`,
      });
      numbered.push(comment.id);
    }
    const inList = (text: string, testid: string) => {
      const list = text.slice(text.indexOf(`data-testid="${testid}"`));
      return [...list.slice(0, list.indexOf('</ol>')).matchAll(/data-testid="comment" id="comment-([0-9a-f-]+)"/g)].map((match) => numbered.indexOf(match[1]!));
    };
    const english = await manager.agent.get(`/incidents/${many}`).expect(200);
    expect(inList(english.text, 'owed-messages')).toEqual(range(0, 50));
    expect(inList(english.text, 'thread-page')).toEqual(range(60, 110));
    expect(english.text).toContain('60 older messages still owed a reply');
    expect(english.text).toContain('The 50 waiting longest are here; the other 10 are in their place among the earlier messages.');
    const french = await manager.agent.get(`/incidents/${many}`).set('Accept-Language', 'fr').expect(200);
    expect(french.text).toContain('Les 50 qui attendent depuis le plus longtemps sont ici\u202f; les 10 autres sont à leur place parmi les messages précédents.');
    // The composer offers 20 of the 60 owed, and counts the 40 others, those in their place included.
    expect(english.text).toContain('40 more messages owed a reply are not listed');
    // The page before: messages 10 to 59, the 10 owed ones (50 to 59) in their place, none of those apart.
    const place = english.text.match(/href="([^"]*\/earlier\?before=[^"]+)"/)![1]!.replace(/&amp;/g, '&');
    const before = await manager.agent.get(place).expect(200);
    expect(inList(before.text, 'thread-page')).toEqual(range(50, 60));
  });

  it('keeps the search’s words, what it found and the message chosen when a reply is refused, with and without htmx', async () => {
    const page = await manager.agent.get(`/incidents/${incidentId}`).expect(200);
    const fields = { _csrf: csrfOf(page.text), direction: 'outbound', body: '', q: 'hippo', parentId: ids[5]! };
    const whole = await manager.agent.post(`/incidents/${incidentId}/comments`).type('form').send(fields).expect(400);
    expect(whole.text).toMatch(/id="comment-q"[^>]*value="hippo"/);
    expect(whole.text).toMatch(new RegExp(`value="${ids[5]}" id="comment-parent-${ids[5]}" data-answer="inbound" checked`));
    // What the search found, not the page's latest messages.
    expect(whole.text.match(/name="parentId" value="[0-9a-f-]+"/g)).toHaveLength(1);
    const htmx = await manager.agent.post(`/incidents/${incidentId}/comments`).set('HX-Request', 'true').type('form').send(fields);
    expect(htmx.text).toMatch(/id="comment-q"[^>]*value="hippo"/);
    expect(htmx.text).toMatch(new RegExp(`value="${ids[5]}" id="comment-parent-${ids[5]}" data-answer="inbound" checked`));
  });

  it('refuses a place that is not one with 400, naming the field in the reader’s language', async () => {
    const english = await manager.agent.get(`/incidents/${incidentId}/earlier?before=not-a-place`).expect(400);
    expect(english.text).toContain('Earlier messages: this link does not lead to a place in this thread.');
    const french = await manager.agent.get(`/incidents/${incidentId}/earlier?before=${Buffer.from('["x","y"]').toString('base64url')}`).set('Accept-Language', 'fr').expect(400);
    expect(french.text).toContain('Messages précédents : ce lien ne mène à aucun endroit de ce fil.');
    await manager.agent.get(`/incidents/${incidentId}/earlier`).expect(400);
  });

  it('finds an old message to answer by a word, with the keyboard alone, and the reply answers it', async () => {
    const page = await signedInPage();
    await page.goto(`${desk.base}/incidents/${incidentId}`);
    // Without a search the choices are the page's latest and the older ones owed, not the whole thread.
    expect(await page.locator(`#comment-parent-${ids[5]}`).count()).toBe(0);
    expect(await page.locator(`#comment-parent-${ids[3]}`).count()).toBe(1);
    await page.click('#composer > summary');
    await page.fill('#comment-body', 'Nous avons bien lu votre message sur l’hippopotame.');
    // Answering none, a message is theirs; answering theirs (message 3, owed a reply), ours; answering none again, theirs.
    expect(await page.inputValue('#comment-direction')).toBe('inbound');
    await page.check(`#comment-parent-${ids[3]}`);
    expect(await page.inputValue('#comment-direction')).toBe('outbound');
    await page.check('#comment-parent-none');
    expect(await page.inputValue('#comment-direction')).toBe('inbound');
    await page.focus('#comment-q');
    // Typed at once (one search): a slow machine's keystrokes would each ask, and the last answer comes after the choice.
    await Promise.all([page.waitForResponse(/\/message-choices\?q=HIPPO/), page.keyboard.insertText('HIPPO')]);
    await page.locator(`#comment-parent-${ids[5]}`).waitFor();
    expect(await page.locator('#comment-choices input[type="radio"]').count()).toBe(2);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.id')).toBe('comment-parent-none');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator(`#comment-parent-${ids[5]}`).isChecked()).toBe(true);
    // Message 5 is ours: its answer is theirs (desk.js), until a direction is picked by hand.
    expect(await page.inputValue('#comment-direction')).toBe('inbound');
    await page.selectOption('#comment-direction', 'outbound');
    await page.focus('#comment-parent-none');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator(`#comment-parent-${ids[5]}`).isChecked()).toBe(true);
    expect(await page.inputValue('#comment-direction')).toBe('outbound');
    await page.setViewportSize({ width: 390, height: 900 });
    await desk.check(page, 'incident-reply-search');
    await desk.submitted(page, 'form[data-testid="comment-form"] button[type="submit"]');
    const latest = (await t.api().get(`/api/incidents/${incidentId}/comments?direction=outbound&limit=100`).expect(200)).body.items as Array<{ body: string; parentId: string | null }>;
    expect(latest.find((comment) => comment.body.startsWith('Nous avons bien lu'))).toMatchObject({ parentId: ids[5] });

    // A search that finds nothing says so, and keeps the message chosen.
    const fragment = await manager.agent.get(`/incidents/${incidentId}/message-choices?q=zzz-nothing&parentId=${ids[5]}`).set('HX-Request', 'true').expect(200);
    expect(fragment.text).toContain('No message found for “zzz-nothing”.');
    expect(fragment.text).toContain(`id="comment-parent-${ids[5]}" data-answer="inbound" checked`);
    // By its author's name too, the latest first, at most 20.
    const byAuthor = await manager.agent.get(`/incidents/${incidentId}/message-choices?q=lecteur 3`).set('HX-Request', 'true').expect(200);
    const found = [...byAuthor.text.matchAll(/id="comment-parent-([0-9a-f-]+)"/g)].map((match) => ids.indexOf(match[1]!));
    expect(found).toEqual(range(0, 120).filter((n) => (n % 2 === 0 || OWED.includes(n)) && n % 7 === 3).reverse().slice(0, 20));
  }, 90_000);
});
