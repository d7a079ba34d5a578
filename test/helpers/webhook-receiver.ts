import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '../../src/notifications/webhook-signature.js';

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** The X-Calumet-Signature header signs this exact body with the secret. */
  signed: boolean;
}

export interface TestWebhook {
  url: string;
  secret: string;
  /** Every well-signed request that was answered 2xx. */
  hooks: ReceivedHook[];
  /** Every request, however it was answered. */
  requests: number;
  /** Answers 500 to this many of the next requests (Infinity: to all of them). */
  failNext: number;
  /** Holds each answer this long (to catch a delivery in flight). */
  delayMs: number;
  close: () => Promise<void>;
}

/** A real HTTP receiver that checks the HMAC signature of every POST. */
export async function startWebhookReceiver(secret = 'test-webhook-secret-0123456789'): Promise<TestWebhook> {
  const receiver: TestWebhook = { url: '', secret, hooks: [], requests: 0, failNext: 0, delayMs: 0, close: async () => undefined };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      receiver.requests += 1;
      const raw = Buffer.concat(chunks).toString('utf8');
      const signed = verifyWebhook(raw, request.headers['x-calumet-signature'] as string | undefined, secret);
      const failing = receiver.failNext > 0;
      if (failing) receiver.failNext -= 1;
      const status = !signed ? 401 : failing ? 500 : 204;
      setTimeout(() => {
        if (status < 300) receiver.hooks.push({ headers: request.headers, body: JSON.parse(raw) as Record<string, unknown>, signed });
        response.writeHead(status).end();
      }, receiver.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/calumet`;
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}
