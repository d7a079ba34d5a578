/** The Disqus export (sources/disqus.ts): what is said when the file cannot be read or does not hold the thread asked for. */
export const disqusWords = {
  'problem.disqus.notDisqus': 'This file is not a Disqus export (no <disqus> root).',
  'problem.disqus.unclosed': 'The file ends before <{tag}> is closed: it is cut short or damaged.',
  'problem.disqus.malformed': 'The file is not well-formed XML (near character {at}).',
  'problem.disqus.noSuchThread': 'The export holds no thread {thread} (looked for as a dsq:id, an identifier and an address).',
  'problem.disqus.postWithoutId': 'A post of the thread has neither a dsq:id nor an <id>.',
  'problem.disqus.postWithoutDate': 'Post {post} has no valid <createdAt>.',
} as const;
