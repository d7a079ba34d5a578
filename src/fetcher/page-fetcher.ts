import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { addressRange, ipLiteral, isPublicAddress } from './address-policy.js';
import { FetchError } from './fetch-error.js';

export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface FetchOptions {
  /** The body is refused beyond this many bytes. */
  maxBytes: number;
  /** For the whole fetch, redirects and body included. */
  timeoutMs: number;
}

export interface FetchedPage {
  /** The URL that answered, after redirects. */
  finalUrl: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  contentType: string | null;
  /** The URLs that redirected, in order (the first is the one asked for). */
  redirects: string[];
}

export interface PageFetcherOptions {
  /** Lets loopback and private addresses through (tests, a desk on an intranet). */
  allowPrivate: boolean;
  userAgent?: string;
}

/**
 * Fetches a page over http(s) on behalf of a user, guarded against being
 * turned on the inside network: only http and https, every address a name
 * resolves to must be public unicast (checked at connection time, so a DNS
 * answer cannot change between check and use), at most 5 redirects each
 * checked again, one time limit for the whole fetch and a cap on the body.
 */
export class PageFetcher {
  constructor(private readonly options: PageFetcherOptions) {}

  async fetch(url: string, options: FetchOptions): Promise<FetchedPage> {
    const signal = AbortSignal.timeout(options.timeoutMs);
    const redirects: string[] = [];
    let target = this.target(url);
    try {
      for (;;) {
        const response = await this.request(target, signal);
        const location = response.headers.location;
        if (REDIRECT_STATUSES.has(response.statusCode!) && location) {
          response.destroy();
          if (redirects.length === MAX_REDIRECTS) throw new FetchError('too_many_redirects', `${url} redirects more than ${MAX_REDIRECTS} times`);
          redirects.push(target.href);
          target = this.target(resolveLocation(location, target));
          continue;
        }
        return {
          finalUrl: target.href,
          status: response.statusCode!,
          headers: response.headers,
          body: await readBody(response, target, options.maxBytes),
          contentType: response.headers['content-type'] ?? null,
          redirects,
        };
      }
    } catch (error) {
      if (error instanceof FetchError) throw error;
      if (signal.aborted) throw new FetchError('timeout', `${target.href} gave no complete answer within ${options.timeoutMs} ms`);
      throw new FetchError('network', `${target.href} could not be fetched: ${networkReason(error)}`);
    }
  }

  /** Parses and checks a URL before any connection: scheme, and the address when the host is an IP literal. */
  private target(url: string): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new FetchError('bad_url', `${url} is not a valid URL`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new FetchError('scheme', `${parsed.protocol} URLs are refused; only http and https are fetched`);
    }
    const literal = ipLiteral(parsed.hostname);
    if (literal && !this.options.allowPrivate && !isPublicAddress(literal)) throw refusedAddress(parsed.hostname, literal);
    return parsed;
  }

  private request(target: URL, signal: AbortSignal): Promise<IncomingMessage> {
    const client = target.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = client.request(target, {
        method: 'GET',
        agent: false,
        signal,
        headers: { 'user-agent': this.options.userAgent ?? 'Calumet/0.1 (+evidence capture)', accept: '*/*', 'accept-encoding': 'identity' },
        ...(this.options.allowPrivate ? {} : { lookup: publicOnlyLookup }),
      });
      request.once('response', resolve);
      request.on('error', reject);
      request.end();
    });
  }
}

/** dns.lookup, refusing the name when any of its addresses is not public. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '');
    const refused = addresses.find((candidate) => !isPublicAddress(candidate.address));
    if (refused) return callback(refusedAddress(hostname, refused.address), '');
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

function refusedAddress(hostname: string, address: string): FetchError {
  const described = hostname === address || hostname === `[${address}]` ? address : `${hostname} resolves to ${address}, which`;
  return new FetchError('address', `${described} is in the ${addressRange(address)} range; only public addresses are fetched`);
}

function resolveLocation(location: string, base: URL): string {
  try {
    return new URL(location, base).href;
  } catch {
    throw new FetchError('bad_url', `${base.href} redirects to ${location}, which is not a valid URL`);
  }
}

async function readBody(response: IncomingMessage, target: URL, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new FetchError('too_large', `${target.href} answers more than ${maxBytes} bytes`);
  if (Number(response.headers['content-length']) > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      response.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function networkReason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'ENOTFOUND') return 'the name does not resolve';
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  return message;
}
