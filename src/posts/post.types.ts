export const PLATFORMS = ['blog', 'twitter', 'facebook', 'linkedin', 'instagram', 'forum', 'other'] as const;
export type Platform = (typeof PLATFORMS)[number];
export const OWNERSHIPS = ['own', 'third_party'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];
export const INDEXING_DESIRED = ['index', 'noindex'] as const;
export type IndexingDesired = (typeof INDEXING_DESIRED)[number];
export const INDEXING_OBSERVED = ['index', 'noindex', 'unknown'] as const;
export type IndexingObserved = (typeof INDEXING_OBSERVED)[number];
