import { latestPublication } from './post.types.js';

describe('latestPublication', () => {
  it('is the latest date among the posts, those without one left out', () => {
    expect(latestPublication([{ publishedAt: '2026-10-01T08:00:00.000Z' }, { publishedAt: null }, { publishedAt: '2026-11-20T09:00:00.000Z' }, { publishedAt: '2026-11-02T09:00:00.000Z' }])).toBe('2026-11-20T09:00:00.000Z');
    const later = new Date('2026-11-20T09:00:00Z');
    expect(latestPublication([{ publishedAt: new Date('2026-01-01T00:00:00Z') }, { publishedAt: later }])).toBe(later);
  });

  it('is null when no post has a date', () => {
    expect(latestPublication([])).toBeNull();
    expect(latestPublication([{ publishedAt: null }])).toBeNull();
  });
});
