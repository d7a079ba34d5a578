import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PlaceAnswer {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON unless a string. */
  body: unknown;
}

export interface PlaceRequest {
  /** Path and query, as asked. */
  url: string;
  userAgent: string | undefined;
}

/** A place's API on 127.0.0.1: answers from `answer`, or from answers queued for the next requests (a 429, a refusal). */
export interface PlaceServer {
  /** http://127.0.0.1:<port> */
  base: string;
  requests: PlaceRequest[];
  /** The next requests get these answers, in order, whatever they ask. */
  queue: (...answers: PlaceAnswer[]) => void;
  close: () => Promise<void>;
}

export async function startPlaceServer(answer: (url: URL, request: IncomingMessage) => PlaceAnswer): Promise<PlaceServer> {
  const queued: PlaceAnswer[] = [];
  const requests: PlaceRequest[] = [];
  const server = createServer((request, response) => {
    requests.push({ url: request.url!, userAgent: request.headers['user-agent'] });
    const reply = queued.shift() ?? answer(new URL(request.url!, 'http://place'), request);
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    const type = typeof reply.body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8';
    response.writeHead(reply.status, { 'content-type': type, ...reply.headers }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    queue: (...answers) => queued.push(...answers),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fixture of test/fixtures/sources/<place>/, parsed afresh (each server changes its own copy). */
export const fixture = <T>(place: string, name: string): T => JSON.parse(readFileSync(new URL(`../fixtures/sources/${place}/${name}`, import.meta.url), 'utf8')) as T;
