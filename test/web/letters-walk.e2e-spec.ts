import type { Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app.js';
import { addComment, createIncident, createParty } from '../helpers/fixtures.js';
import { DeskBrowser } from './browser.js';
import { inviteUrl, PASSWORD } from './web-helpers.js';

/**
 * A legal officer, in French, in Debian's Chromium and with the keyboard
 * to move, tick and submit: from the notice’s page to its letters, a refusal with a ground
 * ticked, then "Mark as sent"; axe-core, no console error and no sideways
 * scroll at 390 px on the letters page.
 */
describe('letters at the desk, in a browser', () => {
  let t: TestApp;
  let desk: DeskBrowser;
  let page: Page;

  beforeAll(async () => {
    t = await startApp({ LETTER_SENDER_NAME: 'Blog Éditions SARL', LETTER_SENDER_ADDRESS: '3 place du Marché|69001 Lyon' });
    desk = await DeskBrowser.open(t);
    page = await desk.page('fr-FR');
  });
  afterAll(async () => {
    await desk?.close();
    await t?.close();
  });
  afterEach(() => {
    expect(desk.problems.splice(0)).toEqual([]);
    expect(desk.unseenRefusals()).toEqual([]);
  });

  it('chooses a refusal and its ground, prints it, and marks it sent, with the keyboard', async () => {
    const officer = await t.createUser('legal', 'Léa Juriste');
    const founder = await createParty(t, { name: 'Gaspard Morel', organisation: 'Morel Conseil', postalAddress: '12 rue de la Paix, 75002 Paris' });
    const incident = await createIncident(t, { title: 'Article sur les erreurs de débutant', counterpartId: founder.id });
    const inbound = await addComment(t, incident.id, { direction: 'inbound', partyId: founder.id, body: 'J’invoque mon droit de réponse.' });
    const notice = (
      await t
        .api(officer.token)
        .post(`/api/incidents/${incident.id}/legal-notices`)
        .send({ type: 'right_of_reply', jurisdiction: 'FR', receivedVia: 'comment', commentId: inbound.id, receivedAt: new Date(Date.now() - 86_400_000).toISOString(), senderPartyId: founder.id })
        .expect(201)
    ).body as { id: string; ref: string };

    await page.goto(`${desk.base}${await inviteUrl(t, officer.id)}`);
    await page.fill('#invite-password', PASSWORD);
    await page.fill('#invite-confirm', PASSWORD);
    await desk.submitted(page, '#invite button[type="submit"]');
    await page.goto(`${desk.base}/legal-notices/${notice.id}`);
    await desk.submitted(page, '[data-testid="notice-letters"]');
    expect(await page.textContent('[data-testid="letter"]')).toContain('Insertion de votre réponse');

    // The refusal, chosen and shown with the keyboard; then its ground ticked with the space bar.
    await page.focus('#letter-choice-letter');
    await page.selectOption('#letter-choice-letter', 'reply_refusal');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await page.focus('#letter-choice-comments_open');
    await page.keyboard.press('Space');
    await page.focus('[data-testid="letter-choice"] button[type="submit"]');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    const letter = (await page.textContent('[data-testid="letter"]'))!;
    expect(letter).toContain('Gaspard Morel (Morel Conseil)');
    expect(letter).toContain('la procédure du droit de réponse n’est pas applicable');
    expect(letter).toContain(`Nos références\u202f: ${incident.ref} / ${notice.ref}`);
    await desk.check(page, 'letters');

    // Printed, the page is the letter alone.
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('[data-testid="letter-choice"]')).toBe(false);
    expect(await page.isVisible('main > h1')).toBe(false);
    expect(await page.isVisible('[data-testid="letter"]')).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // Marked sent: how, and its tracking number; the date is today's, as the form offers it.
    await page.focus('#letter-sent-via');
    await page.selectOption('#letter-sent-via', 'registered_mail');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1A 42');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(new RegExp(`/incidents/${incident.id}#comment-`)), page.keyboard.press('Enter')]);
    const sent = await page.textContent(`#${new URL(page.url()).hash.slice(1)}`);
    expect(sent).toContain('la procédure du droit de réponse n’est pas applicable');
    const events = (await t.api().get(`/api/incidents/${incident.id}/timeline?limit=100`).expect(200)).body.items as Array<{ type: string; payload: Record<string, unknown> }>;
    expect(events.at(-1)).toMatchObject({ type: 'letter.sent', payload: { via: 'registered_mail', trackingNumber: '1A 42', letter: 'reply_refusal', language: 'fr' } });
  }, 120_000);
});
