import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { TLSSocket } from 'node:tls';
import ipaddr from 'ipaddr.js';
import { addressRange, embeddedIPv4, ipLiteral, isPublicAddress } from './address-policy.js';
import { FetchError } from './fetch-error.js';

export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Bytes shared by several fetches (a page capture's requests): each chunk read takes its share; none left refuses the body. */
export interface ByteBudget {
  /** False when these bytes go over the budget (which is then spent). */
  take(bytes: number): boolean;
  /** What the refusal says. */
  readonly description: string;
}

export interface FetchOptions {
  /** The body is refused beyond this many bytes. */
  maxBytes: number;
  /** Bytes shared with other fetches. */
  budget?: ByteBudget;
  /** Stops the fetch early (a capture cut short), as its timeout would. */
  signal?: AbortSignal;
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
  /** These addresses are let through even though they are not public (one intranet site). */
  allowAddresses?: string[];
  userAgent?: string;
}

/** The TLS certificate the server presented. */
export interface PeerCertificate {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  sha256Fingerprint: string;
  serialNumber: string;
}

/** One request and its answer, as they went over the wire, with how the address was found. */
export interface Exchange {
  url: string;
  method: string;
  requestHeaders: Array<[string, string]>;
  status: number;
  statusText: string;
  httpVersion: string;
  /** The headers in the order and case the server sent them. */
  responseHeaders: Array<[string, string]>;
  body: Buffer;
  /** Every address the name resolved to (the IP itself for an IP literal). */
  dnsAnswers: string[];
  /** The address actually connected to. */
  remoteAddress: string | null;
  remotePort: number | null;
  tlsProtocol: string | null;
  certificate: PeerCertificate | null;
}

export interface ExchangeRequest {
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
}

/**
 * Fetches a page over http(s) on behalf of a user, guarded against being
 * turned on the inside network: only http and https, every address a name
 * resolves to must be public unicast (checked at connection time, so a DNS
 * answer cannot change between check and use), at most 5 redirects each
 * checked again, one time limit for the whole fetch and a cap on the body.
 */
export class PageFetcher {
  private readonly allowed: ReadonlySet<string>;

  constructor(private readonly options: PageFetcherOptions) {
    this.allowed = new Set((options.allowAddresses ?? []).map(normalize));
  }

  /** Whether the policy lets this address be reached. */
  mayReach(address: string): boolean {
    return this.options.allowPrivate || isPublicAddress(address) || this.allowed.has(normalize(address));
  }

  /** Checks a URL as fetch would before connecting, the name resolved too; throws the FetchError fetch would throw. */
  async assertFetchable(url: string): Promise<void> {
    const target = this.target(url);
    if (ipLiteral(target.hostname)) return;
    await new Promise<void>((resolve, reject) =>
      this.lookup()(target.hostname, { all: true }, (error) => (error instanceof FetchError ? reject(error) : resolve())),
    );
  }

  /**
   * One request, no redirect followed, under the same policy as fetch: the
   * answer with its headers as sent, the DNS answers, the address connected
   * to and the TLS certificate. A 3xx comes back as it is.
   */
  async exchange(url: string, request: ExchangeRequest, options: FetchOptions): Promise<Exchange> {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    const target = this.target(url);
    const literal = ipLiteral(target.hostname);
    const dnsAnswers: string[] = literal ? [literal] : [];
    const method = request.method ?? 'GET';
    const headers = { ...request.headers, 'accept-encoding': 'identity' };
    try {
      const response = await this.request(target, signal, { method, headers, onAnswers: (answers) => dnsAnswers.push(...answers) });
      const socket = response.socket as TLSSocket;
      const encrypted = target.protocol === 'https:';
      const certificate = encrypted ? socket.getPeerCertificate?.() : undefined;
      const remote = { address: socket.remoteAddress ?? null, port: socket.remotePort ?? null, protocol: encrypted ? (socket.getProtocol?.() ?? null) : null };
      const body = method === 'HEAD' ? Buffer.alloc(0) : await readBody(response, target, options.maxBytes, options.budget);
      return {
        url: target.href,
        method,
        requestHeaders: [['host', target.host], ...Object.entries({ 'user-agent': this.userAgent(), accept: '*/*', ...headers })],
        status: response.statusCode!,
        statusText: response.statusMessage ?? '',
        httpVersion: response.httpVersion,
        responseHeaders: pairs(response.rawHeaders),
        body,
        dnsAnswers,
        remoteAddress: remote.address,
        remotePort: remote.port,
        tlsProtocol: remote.protocol,
        certificate:
          certificate && certificate.fingerprint256
            ? {
                subject: distinguishedName(certificate.subject),
                issuer: distinguishedName(certificate.issuer),
                validFrom: new Date(certificate.valid_from).toISOString(),
                validTo: new Date(certificate.valid_to).toISOString(),
                sha256Fingerprint: certificate.fingerprint256,
                serialNumber: certificate.serialNumber,
              }
            : null,
      };
    } catch (error) {
      if (error instanceof FetchError) throw error;
      if (signal.aborted) throw timedOut(target, options.timeoutMs);
      throw unreachable(target, error);
    }
  }

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
          if (redirects.length === MAX_REDIRECTS) throw new FetchError('too_many_redirects', `${url} redirects more than ${MAX_REDIRECTS} times`, { url, max: MAX_REDIRECTS });
          redirects.push(target.href);
          target = this.target(resolveLocation(location, target));
          continue;
        }
        return {
          finalUrl: target.href,
          status: response.statusCode!,
          headers: response.headers,
          body: await readBody(response, target, options.maxBytes, options.budget),
          contentType: response.headers['content-type'] ?? null,
          redirects,
        };
      }
    } catch (error) {
      if (error instanceof FetchError) throw error;
      if (signal.aborted) throw timedOut(target, options.timeoutMs);
      throw unreachable(target, error);
    }
  }

  /** Parses and checks a URL before any connection: scheme, and the address when the host is an IP literal. */
  private target(url: string): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new FetchError('bad_url', `${url} is not a valid URL`, { url });
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new FetchError('scheme', `${parsed.protocol} URLs are refused; only http and https are fetched`, { url, scheme: parsed.protocol });
    }
    const literal = ipLiteral(parsed.hostname);
    if (literal && !this.mayReach(literal)) throw refusedAddress(parsed.hostname, literal);
    return parsed;
  }

  private userAgent(): string {
    return this.options.userAgent ?? 'Calumet/0.1 (+evidence capture)';
  }

  private request(
    target: URL,
    signal: AbortSignal,
    { method = 'GET', headers = {}, onAnswers }: { method?: string; headers?: Record<string, string>; onAnswers?: (answers: string[]) => void } = {},
  ): Promise<IncomingMessage> {
    const client = target.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = client.request(target, {
        method,
        agent: false,
        signal,
        headers: { 'user-agent': this.userAgent(), accept: '*/*', 'accept-encoding': 'identity', ...headers },
        lookup: this.lookup(onAnswers),
      });
      request.once('response', resolve);
      request.on('error', reject);
      request.end();
    });
  }

  /** dns.lookup, refusing the name when any of its addresses may not be reached. */
  private lookup(onAnswers?: (answers: string[]) => void): LookupFunction {
    return (hostname, options, callback) => {
      dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
        if (error) return callback(error, '');
        onAnswers?.(addresses.map((candidate) => candidate.address));
        const refused = addresses.find((candidate) => !this.mayReach(candidate.address));
        if (refused) return callback(refusedAddress(hostname, refused.address), '');
        if (options.all) return callback(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      });
    };
  }
}

const normalize = (address: string): string => ipaddr.process(address).toNormalizedString();

const pairs = (raw: string[]): Array<[string, string]> => raw.flatMap((value, i) => (i % 2 ? [] : [[value, raw[i + 1]!] as [string, string]]));

function distinguishedName(name: Record<string, string | string[] | undefined> | undefined): string {
  return Object.entries(name ?? {})
    .filter((entry): entry is [string, string | string[]] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value}`)
    .join(', ');
}

function refusedAddress(hostname: string, address: string): FetchError {
  const described = hostname === address || hostname === `[${address}]` ? address : `${hostname} resolves to ${address}, which`;
  const embedded = embeddedIPv4(address);
  const carries = embedded ? ` (it carries the IPv4 address ${embedded.ipv4})` : '';
  return new FetchError('address', `${described} is in the ${addressRange(address)} range${carries}; only public addresses are fetched`, { url: hostname, range: addressRange(address) });
}

function resolveLocation(location: string, base: URL): string {
  try {
    return new URL(location, base).href;
  } catch {
    throw new FetchError('bad_url', `${base.href} redirects to ${location}, which is not a valid URL`, { url: location });
  }
}

async function readBody(response: IncomingMessage, target: URL, maxBytes: number, budget?: ByteBudget): Promise<Buffer> {
  const tooLarge = () => new FetchError('too_large', `${target.href} answers more than ${maxBytes} bytes`, { url: target.href, bytes: maxBytes });
  if (Number(response.headers['content-length']) > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  // A declared length is read into one buffer of that size: a large body is not held twice (its chunks, then their concatenation).
  const declared = Number(response.headers['content-length']);
  const whole = Number.isSafeInteger(declared) && declared > 0 && !response.headers['transfer-encoding'] ? Buffer.allocUnsafe(declared) : null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    if (size + chunk.length > maxBytes) {
      response.destroy();
      throw tooLarge();
    }
    if (budget && !budget.take(chunk.length)) {
      response.destroy();
      throw new FetchError('too_large', `${target.href}: ${budget.description}`, { url: target.href, bytes: maxBytes });
    }
    if (whole && size + chunk.length <= whole.length) chunk.copy(whole, size);
    else chunks.push(chunk);
    size += chunk.length;
  }
  if (whole && !chunks.length) return size === whole.length ? whole : whole.subarray(0, size);
  return whole ? Buffer.concat([whole.subarray(0, Math.min(size, whole.length)), ...chunks]) : Buffer.concat(chunks);
}

const timedOut = (target: URL, ms: number) => new FetchError('timeout', `${target.href} gave no complete answer within ${ms} ms`, { url: target.href, seconds: Math.round(ms / 1000) });

/** The network's refusal, with its errno code (ENOTFOUND, ECONNREFUSED…) as the reason the catalogues say. */
const unreachable = (target: URL, error: unknown) =>
  new FetchError('network', `${target.href} could not be fetched: ${networkReason(error)}`, { url: target.href, reason: (error as NodeJS.ErrnoException).code ?? 'other' });

function networkReason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'ENOTFOUND') return 'the name does not resolve';
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  return message;
}
