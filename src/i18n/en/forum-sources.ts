/** Imports from a Discourse forum or Reddit (src/imports/sources/discourse.ts, reddit.ts): what is said when the place refuses or answers otherwise than documented. */
export const forumSourceWords = {
  'problem.discourse.notTopic': '{field}: {url} is not the address of a Discourse topic (/t/<slug>/<id>).',
  'problem.discourse.noTopic': '{field}: the forum shows no topic {topic} (HTTP {status}); it may have been deleted.',
  'problem.discourse.refused': '{field}: the forum refuses to show topic {topic} (HTTP {status}); it may be private or need a login.',
  'problem.discourse.unreadable': '{field}: {url} does not answer as a Discourse forum does.',
  'problem.discourse.tooLarge': '{field}: the topic holds {posts} posts, more than the {max} an import reads.',
  'problem.reddit.notPost': '{field}: {url} is not the address of a Reddit post (/r/<subreddit>/comments/<id>/).',
  'problem.reddit.noPost': '{field}: Reddit shows no post {post} (HTTP {status}); it may have been deleted.',
  'problem.reddit.refused': '{field}: Reddit refuses to show post {post} (HTTP {status}); the subreddit may be private or quarantined, or Reddit may be turning away anonymous readers.',
  'problem.reddit.unreadable': '{field}: Reddit does not answer as documented for {url}.',
  'problem.reddit.tooLarge': '{field}: post {post} needs more than {max} requests to Reddit; an import reads no more.',
} as const;
