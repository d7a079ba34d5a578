import type { TestApp } from './app.js';

/** Small builders for the records most tests need, through the API. */
export async function createIncident(t: TestApp, body: Record<string, unknown> = {}, token?: string) {
  const response = await t.api(token).post('/api/incidents').send({ title: 'A spat under the beginners article', severity: 'medium', ...body });
  if (response.status !== 201) throw new Error(`createIncident: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; ref: string; version: number; state: string; ownerId: string };
}

export async function createParty(t: TestApp, body: Record<string, unknown> = {}) {
  const response = await t.api().post('/api/parties').send({ kind: 'person', name: 'The founder', organisation: 'Small Co', ...body });
  if (response.status !== 201) throw new Error(`createParty: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; name: string };
}

let posts = 0;
export async function createPost(t: TestApp, body: Record<string, unknown> = {}) {
  posts += 1;
  const response = await t
    .api()
    .post('/api/posts')
    .send({ platform: 'blog', ownership: 'own', url: `https://blog.example.com/2026/11/article-${posts}-${Date.now()}`, title: 'Beginners mistakes', ...body });
  if (response.status !== 201) throw new Error(`createPost: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; url: string };
}

export async function addComment(t: TestApp, incidentId: string, body: Record<string, unknown>) {
  const response = await t.api().post(`/api/incidents/${incidentId}/comments`).send(body);
  if (response.status !== 201) throw new Error(`addComment: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; needsResponse: boolean; respondedById: string | null };
}

export function move(t: TestApp, incidentId: string, to: string, extra: Record<string, unknown> = {}, token?: string) {
  return t.api(token).post(`/api/incidents/${incidentId}/transitions`).send({ to, reason: `moved to ${to}`, ...extra });
}

export async function timelineOf(t: TestApp, incidentId: string) {
  const response = await t.api().get(`/api/incidents/${incidentId}/timeline?limit=100`).expect(200);
  return response.body.items as Array<{ seq: number; type: string; actor: string; payload: Record<string, unknown> }>;
}
