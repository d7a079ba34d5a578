/** Imports from every place: what is said when a place refuses, or an address or file is not understood. */
export const importWords = {
  'problem.import.rateLimited': '{field}: {place} refuses for now (HTTP {status}); try again in a while.',
  'problem.import.notJson': '{field}: {place} did not answer JSON at {url}.',
} as const;
