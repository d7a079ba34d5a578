import type { TestApp } from './app.js';
import { addComment, createIncident, createParty, createPost, move, timelineOf } from './fixtures.js';

/** The builders of fixtures.ts bound to one app, with the defaults the legal tests use. */
export function fixtures(t: TestApp) {
  return {
    incident: (fields: Record<string, unknown> = {}, token?: string) => createIncident(t, { title: 'A public spat', severity: 'high', ...fields }, token),
    party: (name = 'Founder', fields: Record<string, unknown> = {}) => createParty(t, { name, organisation: undefined, ...fields }),
    post: (fields: Record<string, unknown> = {}) => createPost(t, { title: undefined, ...fields }),
    comment: (incidentId: string, fields: Record<string, unknown> = {}) =>
      addComment(t, incidentId, { direction: 'inbound', authorName: 'Founder', body: 'I invoke my right of reply.', ...fields }),
    move: async (incidentId: string, to: string, fields: Record<string, unknown> = {}): Promise<void> => {
      await move(t, incidentId, to, fields).expect(200);
    },
    timeline: (incidentId: string) => timelineOf(t, incidentId),
  };
}
