/** Mastodon and the fediverse: a status read from its server's API, or a thread from an account archive's outbox.json. */
export const fediverseWords = {
  'problem.mastodon.notStatusAddress': '{field}: {url} is not the address of a Mastodon status (https://server/@user/123).',
  'problem.mastodon.noStatus': '{field}: {origin} shows no status {id} (deleted, private, or never there).',
  'problem.mastodon.refused': '{field}: {origin} refuses to show status {id} (HTTP {status}).',
  'problem.mastodon.notMastodon': '{field}: {origin} does not answer as a Mastodon server does.',
  'problem.mastodon.statusWithoutDate': '{field}: status {id} has no valid date.',
  'problem.outbox.notOutbox': 'This file is not the outbox.json of a Mastodon account archive (no orderedItems).',
  'problem.outbox.malformed': 'The file is not well-formed JSON: {reason}.',
  'problem.outbox.noSuchNote': 'The outbox holds no note {thread}.',
  'problem.outbox.noteWithoutDate': 'Note {id} has no valid publication date.',
} as const;
