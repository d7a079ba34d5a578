import { Writable } from 'node:stream';
import { pino } from 'pino';
import type request from 'supertest';
import { SecurityLog } from '../../src/common/security-log.js';
import type { Role } from '../../src/common/roles.js';
import type { TestApp } from '../helpers/app.js';

export const PASSWORD = 'correct horse battery staple';

/** The CSRF token of the first form on a page. */
export function csrfOf(page: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(page);
  if (!match) throw new Error('no CSRF field on the page');
  return match[1]!;
}

export async function inviteUrl(t: TestApp, userId: string): Promise<string> {
  const response = await t.api().post(`/api/users/${userId}/invite`).expect(201);
  return new URL(response.body.url as string).pathname;
}

/** A person of that role who accepted an invite and is signed in: a cookie-keeping agent. */
export async function signedIn(t: TestApp, role: Role, name?: string): Promise<{ agent: request.Agent; id: string; token: string }> {
  const user = await t.createUser(role, name);
  const agent = t.anonymous();
  const path = await inviteUrl(t, user.id);
  const form = await agent.get(path).expect(200);
  await agent.post(path).type('form').send({ _csrf: csrfOf(form.text), password: PASSWORD, confirm: PASSWORD }).expect(303);
  return { agent, ...user };
}

/** Submits a form the way a browser would: the CSRF token of the page it came from. */
export async function submit(agent: request.Agent, pagePath: string, action: string, fields: Record<string, string>) {
  const page = await agent.get(pagePath).expect(200);
  return agent.post(action).type('form').send({ _csrf: csrfOf(page.text), ...fields });
}

/** The security log's lines, as the app writes them. */
export function captureSecurityLog(t: TestApp): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  t.app.get(SecurityLog, { strict: false }).use(pino({ level: 'info' }, sink));
  return lines;
}
