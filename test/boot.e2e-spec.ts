import { startApp, type TestApp } from './helpers/app.js';

describe('boot', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('serves /health without a token', async () => {
    const response = await t.anonymous().get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', db: 'up', redis: 'up' });
  });
});
