import helmet, { type HelmetOptions } from 'helmet';

interface HeaderSink {
  setHeader(name: string, value: string): unknown;
  removeHeader(name: string): unknown;
}

/**
 * The headers helmet sets with `options`, worked out once. They depend on
 * nothing of the request (Calumet uses no CSP nonce), and @fastify/helmet
 * built helmet's middleware again, CSP directives parsed, on every request.
 */
export function helmetHeaders(options: HelmetOptions): ReadonlyArray<readonly [string, string]> {
  const headers = new Map<string, string>();
  const sink: HeaderSink = {
    setHeader: (name, value) => headers.set(name.toLowerCase(), value),
    removeHeader: (name) => headers.delete(name.toLowerCase()),
  };
  helmet(options)({} as never, sink as never, (error?: unknown) => {
    if (error) throw error;
  });
  return [...headers];
}

/** Sets the headers on a response, as helmet would have (on the raw response, so that a hijacked one, the live stream, has them too). */
export function setHeaders(response: HeaderSink, headers: ReadonlyArray<readonly [string, string]>): void {
  for (const [name, value] of headers) response.setHeader(name, value);
}
