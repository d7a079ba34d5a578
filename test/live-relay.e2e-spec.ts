import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { FLUSH_GAP_MS, LiveRelay, type LiveMessage } from '../src/web/live-relay.js';
import { startApp, type TestApp } from './helpers/app.js';
import { waitFor } from './helpers/wait-for.js';

/**
 * The live bus between processes: what a process publishes in one turn of
 * the event loop (the units of a batch), or within FLUSH_GAP_MS of the last
 * flush, goes to Redis as one payload, each message once, and every
 * listening process hears each message.
 */
describe('live updates published together', () => {
  let t: TestApp;
  let relay: LiveRelay;
  let watcher: Redis;
  /** Every payload that crossed Redis on the desk's channel. */
  const payloads: string[] = [];
  /** Every message this process heard back. */
  const heard: LiveMessage[] = [];

  beforeAll(async () => {
    t = await startApp();
    relay = t.app.get(LiveRelay);
    await relay.listen();
    relay.onMessage((message) => heard.push(message));
    watcher = new Redis(t.config.redisUrl, { lazyConnect: true });
    await watcher.connect();
    watcher.on('message', (_channel: string, payload: string) => payloads.push(payload));
    await watcher.subscribe(`${t.config.redisPrefix}:live`);
  });
  afterAll(async () => {
    watcher.disconnect();
    await t.close();
  });

  const changed = (incidentId: string, type = 'comment.added'): LiveMessage => ({ kind: 'incident', incidentId, type });

  it('sends the messages of one turn in one payload, each once, and hears each', async () => {
    payloads.length = 0;
    heard.length = 0;
    const routes = await Promise.all([relay.publish(changed('a')), relay.publish(changed('a')), relay.publish(changed('b')), relay.publish({ kind: 'notification', userId: 'u' })]);
    expect(routes).toEqual(['redis', 'redis', 'redis', 'redis']);
    await waitFor('three messages heard and one payload seen', () => heard.length >= 3 && payloads.length >= 1);
    expect(payloads.map((payload) => JSON.parse(payload) as unknown)).toEqual([[changed('a'), changed('b'), { kind: 'notification', userId: 'u' }]]);
    expect(heard).toEqual([changed('a'), changed('b'), { kind: 'notification', userId: 'u' }]);
  });

  it('sends a message alone as itself, and one of a later turn apart', async () => {
    payloads.length = 0;
    heard.length = 0;
    await relay.publish(changed('c'));
    await relay.publish(changed('c', 'incident.updated'));
    await waitFor('two messages heard and two payloads seen', () => heard.length >= 2 && payloads.length >= 2);
    expect(payloads.map((payload) => JSON.parse(payload) as unknown)).toEqual([changed('c'), changed('c', 'incident.updated')]);
  });

  it('holds what follows a flush within FLUSH_GAP_MS for the next one: turns apart, one payload', async () => {
    payloads.length = 0;
    heard.length = 0;
    // The gap runs from when the flush of 'g' began, which is after `began`. 'h' is published as soon as that flush has
    // begun (the turn after 'g'), not once its PUBLISH is answered: on a busy machine Redis took longer than the gap to
    // answer, and 'h' then rightly went out alone.
    const began = performance.now();
    const first = relay.publish(changed('g'));
    await new Promise((resolve) => setImmediate(resolve));
    const later = [first, relay.publish(changed('h'))];
    await new Promise((resolve) => setImmediate(resolve));
    later.push(relay.publish(changed('h')), relay.publish(changed('k')));
    await Promise.all(later);
    const took = performance.now() - began;
    // Every payload seen before anything is asserted: none of this test's is left to arrive during the next one.
    await waitFor('three messages heard and two payloads seen', () => heard.length >= 3 && payloads.length >= 2);
    expect(took).toBeGreaterThanOrEqual(FLUSH_GAP_MS - 1);
    expect(payloads.map((payload) => JSON.parse(payload) as unknown)).toEqual([changed('g'), [changed('h'), changed('k')]]);
  });

  it('splits a long turn into payloads of 40 messages, and hears a payload of either form from another process', async () => {
    payloads.length = 0;
    heard.length = 0;
    await Promise.all(Array.from({ length: 100 }, (_, n) => relay.publish(changed(`i${n}`))));
    await waitFor('100 messages heard and three payloads seen', () => heard.length >= 100 && payloads.length >= 3);
    expect(payloads.map((payload) => (JSON.parse(payload) as unknown[]).length)).toEqual([40, 40, 20]);
    expect(heard.map((message) => (message as { incidentId: string }).incidentId)).toEqual(Array.from({ length: 100 }, (_, n) => `i${n}`));

    heard.length = 0;
    const other = new Redis(t.config.redisUrl);
    await other.publish(`${t.config.redisPrefix}:live`, JSON.stringify(changed('d')));
    await other.publish(`${t.config.redisPrefix}:live`, JSON.stringify([changed('e'), { kind: 'nonsense' }, changed('f')]));
    await other.publish(`${t.config.redisPrefix}:live`, 'not json');
    other.disconnect();
    await waitFor('three messages from another process', () => heard.length >= 3);
    expect(heard).toEqual([changed('d'), changed('e'), changed('f')]);
  });
});
