import { latestPublication, newestPost } from './post.types.js';

describe('newestPost', () => {
  it('is the latest published, whatever the order it is given in', () => {
    const posts = [
      { id: 'b', publishedAt: '2026-10-01T08:00:00.000Z' },
      { id: 'a', publishedAt: null },
      { id: 'c', publishedAt: '2026-11-20T09:00:00.000Z' },
      { id: 'd', publishedAt: '2026-11-02T09:00:00.000Z' },
    ];
    expect(newestPost(posts)?.id).toBe('c');
    expect(newestPost([...posts].reverse())?.id).toBe('c');
  });

  it('takes the smaller id on a tie, an undated post only when none has a date, and none from none', () => {
    const at = new Date('2026-11-20T09:00:00Z');
    expect(newestPost([{ id: 'y', publishedAt: at }, { id: 'x', publishedAt: new Date(at) }])?.id).toBe('x');
    expect(newestPost([{ id: 'q', publishedAt: null }, { id: 'p', publishedAt: null }])?.id).toBe('p');
    expect(newestPost([])).toBeNull();
  });
});

describe('latestPublication', () => {
  it('is the newest post’s date, null when no post has one', () => {
    const later = new Date('2026-11-20T09:00:00Z');
    expect(latestPublication([{ id: 'a', publishedAt: new Date('2026-01-01T00:00:00Z') }, { id: 'b', publishedAt: later }])).toBe(later);
    expect(latestPublication([{ id: 'a', publishedAt: null }])).toBeNull();
    expect(latestPublication([])).toBeNull();
  });
});
