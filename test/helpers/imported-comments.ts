import type { TestApp } from './app.js';

/** A comment of an incident as the API lists it, with what an import test checks. */
export type ImportedComment = {
  id: string;
  parentId: string | null;
  partyId: string | null;
  authorName: string | null;
  body: string;
  externalId: string;
  status: string;
  revisions: Array<{ body: string }>;
  signals: Array<{ kind: string }>;
};

/** The incident's comments by their external id (the place's own id). */
export async function commentsByExternalId(t: TestApp, incidentId: string): Promise<Map<string, ImportedComment>> {
  const response = await t.api().get(`/api/incidents/${incidentId}/comments?limit=100`).expect(200);
  return new Map((response.body.items as ImportedComment[]).map((comment) => [comment.externalId, comment]));
}
