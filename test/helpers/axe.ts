import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Where a test app serves axe-core (startApp), for the desk's browser checks (DeskBrowser.axeViolations): from the
 * app's own origin the desk's Content-Security-Policy (`script-src 'self'`) lets a page load it as a script, which
 * Chromium keeps in its cache and compiles once for the pages after it. Evaluated through the DevTools protocol, the
 * 560 kB were parsed and compiled again in every page: about 0.3 of a check's 0.8 CPU-seconds in Chromium.
 */
export const AXE_PATH = '/__test/axe.min.js';

let source: string | undefined;

/** Registers AXE_PATH on a test app's Fastify, before it is ready: a test tool, outside Nest (no guard, no OpenAPI). */
export function serveAxe(fastify: FastifyInstance): void {
  fastify.get(AXE_PATH, (_request, reply) => {
    void reply.header('cache-control', 'public, max-age=3600').type('text/javascript; charset=utf-8').send((source ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')));
  });
}
