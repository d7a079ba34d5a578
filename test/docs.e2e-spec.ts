import { startApp, type TestApp } from './helpers/app.js';
import { routesOf } from './helpers/routes.js';

describe('API documentation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('serves OpenAPI 3 at /docs-json covering every route the service answers', async () => {
    const response = await t.anonymous().get('/docs-json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(response.body.paths as Record<string, Record<string, { summary?: string; responses?: object }>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        documented.add(`${method.toUpperCase()} ${path}`);
        expect([`${method} ${path}`, operation.summary]).toEqual([`${method} ${path}`, expect.any(String)]);
        expect(Object.keys(operation.responses ?? {}).length).toBeGreaterThan(0);
      }
    }
    // The web desk's pages answer HTML to browsers, not the API: their controllers are excluded from the document.
    const api = routesOf(t).filter((route) => !Reflect.getMetadata('swagger/apiExcludeController', route.controller));
    const routes = new Set(api.map((route) => `${route.method} ${route.path}`));
    const missing = [...routes].filter((route) => !documented.has(route));
    expect(missing).toEqual([]);
    expect(routes.size).toBeGreaterThan(20);
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await t.anonymous().get('/docs').redirects(1).expect(200);
    expect(response.text).toContain('swagger-ui');
  });

  it('documents the bearer token and the error shape of validation', async () => {
    const response = await t.anonymous().get('/docs-json').expect(200);
    expect(response.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(response.body.components.schemas.CreateIncidentDto.properties.severity.enum).toEqual(['low', 'medium', 'high', 'critical']);
  });
});
