import { PageFetcher } from '../../src/fetcher/page-fetcher.js';
import { SourceFetch } from '../../src/imports/sources/source-fetch.js';
import { SourceError, type SourceContext, type SourceMessage } from '../../src/imports/sources/source.js';
import type { TestApp } from './app.js';

/** What an adapter reads with in a test: the real guarded fetcher (private addresses allowed), its waits recorded. */
export function sourceContext(): { context: SourceContext; waits: number[]; wait: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  const wait = async (ms: number) => void waits.push(ms);
  return { context: { fetch: new SourceFetch(new PageFetcher({ allowPrivate: true }), 5000, wait), youtubeApiKey: null, youtubeApiUrl: '' }, waits, wait };
}

/** The SourceError a read or check was refused with (the test fails if it was not refused so). */
export async function sourceRefusal(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

export const messagesById = (comments: SourceMessage[]) => new Map(comments.map((comment) => [comment.id, comment]));

/** How deep a message stands: 1 at the top of the thread. */
export function levelOf(comments: SourceMessage[], id: string): number {
  const parent = messagesById(comments).get(id)?.parentId;
  return parent ? 1 + levelOf(comments, parent) : 1;
}

/** A message of an incident as the API shows it once imported. */
export interface ImportedComment {
  id: string;
  parentId: string | null;
  direction: string;
  partyId: string | null;
  authorName: string | null;
  body: string;
  externalId: string;
  status: string;
  needsResponse: boolean;
  revisions: Array<{ body: string }>;
  signals: Array<{ kind: string }>;
}

/** An incident's messages (the first 100) by their id at the place. */
export async function importedComments(t: Pick<TestApp, 'api'>, incidentId: string): Promise<Map<string, ImportedComment>> {
  const response = await t.api().get(`/api/incidents/${incidentId}/comments?limit=100`).expect(200);
  return new Map((response.body.items as ImportedComment[]).map((comment) => [comment.externalId, comment]));
}
