import type { TestApp } from './app.js';

/** Records through the API, as a user would, for tests that need an incident to work on. */
export function fixtures(t: TestApp) {
  let posts = 0;
  return {
    async incident(fields: Record<string, unknown> = {}, token?: string): Promise<{ id: string; ref: string; state: string; version: number }> {
      return (await t.api(token).post('/api/incidents').send({ title: 'A public spat', severity: 'high', ...fields }).expect(201)).body;
    },
    async party(name = 'Founder', fields: Record<string, unknown> = {}): Promise<{ id: string }> {
      return (await t.api().post('/api/parties').send({ kind: 'person', name, ...fields }).expect(201)).body;
    },
    async post(fields: Record<string, unknown> = {}): Promise<{ id: string }> {
      posts += 1;
      const url = `https://blog.example.com/2026/${posts}-${Math.random().toString(36).slice(2)}`;
      return (await t.api().post('/api/posts').send({ platform: 'blog', ownership: 'own', url, ...fields }).expect(201)).body;
    },
    async comment(incidentId: string, fields: Record<string, unknown> = {}): Promise<{ id: string }> {
      return (await t.api().post(`/api/incidents/${incidentId}/comments`).send({ direction: 'inbound', authorName: 'Founder', body: 'I invoke my right of reply.', ...fields }).expect(201))
        .body;
    },
    async move(incidentId: string, to: string, fields: Record<string, unknown> = {}): Promise<void> {
      await t.api().post(`/api/incidents/${incidentId}/transitions`).send({ to, reason: `moved to ${to}`, ...fields }).expect(200);
    },
    async timeline(incidentId: string): Promise<Array<{ seq: number; type: string; actor: string; payload: Record<string, unknown> }>> {
      return (await t.api().get(`/api/incidents/${incidentId}/timeline?limit=100`).expect(200)).body.items;
    },
  };
}
