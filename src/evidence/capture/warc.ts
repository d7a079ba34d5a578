import { createHash, randomUUID } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * A WARC/1.1 writer (ISO 28500:2017): warcinfo, request, response and
 * metadata records, uncompressed; in memory, or appended to a file as each
 * record comes (`path`): a capture's bodies are not kept in memory.
 */
export class WarcWriter {
  private readonly records: Buffer[] = [];
  private fd: number | null = null;
  readonly warcinfoId = recordId();

  constructor(filename: string, info: Record<string, string>, path?: string) {
    if (path) this.fd = openSync(path, 'w');
    const fields = Object.entries(info)
      .map(([key, value]) => `${key}: ${oneLine(value)}\r\n`)
      .join('');
    this.add('warcinfo', new Date(), { 'WARC-Record-ID': this.warcinfoId, 'WARC-Filename': filename, 'Content-Type': 'application/warc-fields' }, Buffer.from(fields));
  }

  /** A request and its response, the response block being the HTTP message as the server sent it (status line, headers, body). */
  exchange(exchange: {
    url: string;
    at: Date;
    method: string;
    requestHeaders: Array<[string, string]>;
    httpVersion: string;
    status: number;
    statusText: string;
    responseHeaders: Array<[string, string]>;
    body: Buffer;
    remoteAddress: string | null;
  }): void {
    const path = new URL(exchange.url);
    const request = Buffer.from(`${exchange.method} ${path.pathname}${path.search} HTTP/1.1\r\n${headerLines(exchange.requestHeaders)}\r\n`);
    const chunked = exchange.responseHeaders.some(([name, value]) => name.toLowerCase() === 'transfer-encoding' && /chunked/i.test(value));
    // The body was read de-chunked; it is written back as one chunk so the block stays a valid HTTP message for its headers.
    const payload = chunked && exchange.body.length ? [Buffer.from(`${exchange.body.length.toString(16)}\r\n`), exchange.body, Buffer.from('\r\n0\r\n\r\n')] : chunked ? [Buffer.from('0\r\n\r\n')] : [exchange.body];
    // The block in pieces, never copied into one buffer: a body of 20 MB is not held twice.
    const response = [Buffer.from(`HTTP/${exchange.httpVersion} ${exchange.status} ${exchange.statusText}\r\n${headerLines(exchange.responseHeaders)}\r\n`), ...payload];
    const responseId = recordId();
    const common = { 'WARC-Target-URI': exchange.url, 'WARC-Warcinfo-ID': this.warcinfoId, ...(exchange.remoteAddress ? { 'WARC-IP-Address': exchange.remoteAddress } : {}) };
    this.add('response', exchange.at, { 'WARC-Record-ID': responseId, ...common, 'Content-Type': 'application/http;msgtype=response', 'WARC-Payload-Digest': digest(exchange.body) }, response);
    this.add('request', exchange.at, { 'WARC-Record-ID': recordId(), ...common, 'WARC-Concurrent-To': responseId, 'Content-Type': 'application/http;msgtype=request' }, request);
  }

  metadata(url: string, at: Date, contentType: string, block: Buffer): void {
    this.add('metadata', at, { 'WARC-Record-ID': recordId(), 'WARC-Target-URI': url, 'WARC-Warcinfo-ID': this.warcinfoId, 'Content-Type': contentType }, block);
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.records);
  }

  /** Closes the file written to. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private add(type: string, at: Date, headers: Record<string, string>, block: Buffer | Buffer[]): void {
    const pieces = Array.isArray(block) ? block : [block];
    const named = { 'WARC-Type': type, 'WARC-Date': at.toISOString(), ...headers, 'WARC-Block-Digest': digest(...pieces), 'Content-Length': String(pieces.reduce((sum, piece) => sum + piece.length, 0)) };
    const head = `WARC/1.1\r\n${Object.entries(named)
      .map(([key, value]) => `${key}: ${value}\r\n`)
      .join('')}\r\n`;
    const record = [Buffer.from(head), ...pieces, Buffer.from('\r\n\r\n')];
    if (this.fd === null) this.records.push(...record);
    else for (const bytes of record) writeSync(this.fd, bytes);
  }
}

const recordId = () => `<urn:uuid:${randomUUID()}>`;
const digest = (...pieces: Buffer[]) => {
  const hash = createHash('sha256');
  for (const piece of pieces) hash.update(piece);
  return `sha256:${hash.digest('hex')}`;
};
const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ');
const headerLines = (headers: Array<[string, string]>) => headers.map(([name, value]) => `${name}: ${oneLine(value)}\r\n`).join('');
