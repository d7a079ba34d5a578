import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApp, type TestApp } from '../helpers/app.js';
import { addComment, createIncident } from '../helpers/fixtures.js';
import { signedIn } from './web-helpers.js';

describe('web desk: live updates', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startApp();
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  function open(cookie: string): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => get({ host: '127.0.0.1', port, path: '/events', headers: { cookie } }, resolve).on('error', reject));
  }

  function nextEvent(stream: IncomingMessage, name: string): Promise<Record<string, unknown>> {
    return new Promise((resolve) => {
      let buffer = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        buffer += chunk;
        const match = new RegExp(`event: ${name}\\ndata: (.+)\\n\\n`).exec(buffer);
        if (match) resolve(JSON.parse(match[1]!) as Record<string, unknown>);
      });
    });
  }

  it('tells a signed-in page of a new message once it is committed', async () => {
    const { agent } = await signedIn(t, 'viewer');
    const cookie = ((await agent.get('/').expect(200)).request as unknown as { cookies: string }).cookies;
    const stream = await open(cookie);
    expect(stream.headers['content-type']).toMatch(/text\/event-stream/);
    const incident = await createIncident(t);
    const event = nextEvent(stream, 'incident');
    await addComment(t, incident.id, { direction: 'inbound', body: 'A new message', authorName: 'Someone' });
    await expect(event).resolves.toEqual({ incidentId: incident.id, type: 'comment.added' });
    stream.destroy();
  });

  it('refuses the stream to someone not signed in', async () => {
    const stream = await open('');
    expect(stream.statusCode).toBe(303);
    stream.destroy();
  });
});
