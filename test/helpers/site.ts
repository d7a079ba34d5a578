import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface Site {
  /** http://127.0.0.1:<port> */
  base: string;
  /** Serves `path` with the handler from now on (replacing any earlier one). */
  route: (path: string, handler: Handler) => void;
  /** Serves `path` as an HTML page with the given status and headers. */
  page: (path: string, html: string, status?: number, headers?: Record<string, string>) => void;
  hits: (path: string) => number;
  close: () => Promise<void>;
}

/** A real web site on 127.0.0.1 whose pages a test sets and changes. */
export async function startSite(): Promise<Site> {
  const routes = new Map<string, Handler>();
  const counts = new Map<string, number>();
  const server = createServer((request, response) => {
    const path = new URL(request.url!, 'http://site').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const handler = routes.get(path);
    if (handler) return handler(request, response);
    response.writeHead(404, { 'content-type': 'text/plain' }).end('no such page');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    route: (path, handler) => routes.set(path, handler),
    page: (path, html, status = 200, headers = {}) =>
      routes.set(path, (_, response) => response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(html)),
    hits: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const article = (head = '', body = '<h1>Beginners’ mistakes</h1><p>The tweet of Small Co is an example.</p>') =>
  `<!doctype html><html><head><title>Beginners’ mistakes</title>${head}</head><body>${body}</body></html>`;
