import { get, type IncomingMessage } from 'node:http';

/** Opens the desk's event stream (`/events`) of the app at `base` with a session cookie. */
export function openEvents(base: string, cookie: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => get(`${base}/events`, { headers: { cookie } }, resolve).on('error', reject));
}

/** The data of the next Server-Sent Event of that name on the stream. */
export function nextEvent(stream: IncomingMessage, name: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    let buffer = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffer += chunk;
      const match = new RegExp(`event: ${name}\\ndata: (.+)\\n\\n`).exec(buffer);
      if (match) resolve(JSON.parse(match[1]!) as Record<string, unknown>);
    });
  });
}
