import { startApp, type TestApp } from './helpers/app.js';
import { createIncident } from './helpers/fixtures.js';
import { startStandInBlog } from './helpers/wordpress.js';

describe('WordPress import: finding the API and paging', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['pretty', 'header'],
    ['plain', 'tag'],
    ['pretty', 'none'],
    ['plain', 'none'],
  ] as const)('finds the REST API (%s links, announced by %s) and follows X-WP-TotalPages at 4 comments a page', async (style, announce) => {
    const blog = await startStandInBlog({ comments: 10, perPage: 4, style, announce });
    try {
      const incident = await createIncident(t);
      const response = await t.api().post('/api/imports/wordpress').send({ incidentId: incident.id, postUrl: blog.postUrl }).expect(200);
      expect(response.body).toMatchObject({ added: 10, updated: 0, deleted: 0, unchanged: 0 });
      const pages = blog.requests.filter((request) => request.includes('comments')).map((request) => new URLSearchParams(request.split('?')[1]).get('page'));
      expect(pages).toEqual(['1', '2', '3']);
      const comments = await t.api().get(`/api/incidents/${incident.id}/comments?limit=100`).expect(200);
      expect(comments.body.items.map((comment: { body: string }) => comment.body)).toContain('Commentaire n°\u00a010');
    } finally {
      await blog.close();
    }
  });

  it('answers 400 naming postUrl for a site without a WordPress API', async () => {
    const blog = await startStandInBlog({ comments: 1, perPage: 4, style: 'pretty', announce: 'none' });
    try {
      const incident = await createIncident(t);
      const response = await t.api().post('/api/imports/wordpress').send({ incidentId: incident.id, postUrl: `${blog.base}/elsewhere/` }).expect(400);
      expect(response.body.message).toEqual([`postUrl: ${blog.base} shows no WordPress REST API (no https://api.w.org/ link, nothing at /wp-json/ or ?rest_route=)`]);
      const bad = await t.api().post('/api/imports/wordpress').send({ incidentId: incident.id, postUrl: 'not a url' }).expect(400);
      expect(bad.body.message).toEqual([expect.stringContaining('postUrl')]);
    } finally {
      await blog.close();
    }
  });

  it('is open to community managers, not to viewers', async () => {
    const viewer = await t.createUser('viewer');
    await t.api(viewer.token).post('/api/imports/wordpress').send({ incidentId: '00000000-0000-4000-8000-000000000000', postUrl: 'https://blog.example.com/x/' }).expect(403);
  });
});

describe('WordPress import with private addresses refused', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ FETCH_ALLOW_PRIVATE: 'false' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses a blog on a private address with a 400 naming postUrl, and imports nothing', async () => {
    const blog = await startStandInBlog({ comments: 3, perPage: 4, style: 'pretty', announce: 'header' });
    try {
      const incident = await createIncident(t);
      const response = await t.api().post('/api/imports/wordpress').send({ incidentId: incident.id, postUrl: blog.postUrl }).expect(400);
      expect(response.body.message).toEqual([expect.stringMatching(/^postUrl could not be read: 127\.0\.0\.1 is in the loopback range/)]);
      expect(blog.requests).toEqual([]);
      const comments = await t.api().get(`/api/incidents/${incident.id}/comments`).expect(200);
      expect(comments.body.items).toEqual([]);
    } finally {
      await blog.close();
    }
  });
});
