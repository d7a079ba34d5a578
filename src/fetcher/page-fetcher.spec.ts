import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FetchError } from './fetch-error.js';
import { MAX_REDIRECTS, PageFetcher } from './page-fetcher.js';

const LIMITS = { maxBytes: 64 * 1024, timeoutMs: 300 };

/** A real HTTP server on 127.0.0.1 with the pages the fetcher must cope with. */
function startServer(): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url!, 'http://x');
    const hops = /^\/r\/(\d+)$/.exec(url.pathname);
    if (hops) {
      const left = Number(hops[1]);
      response.writeHead(302, { location: left > 1 ? `/r/${left - 1}` : '/page' }).end();
    } else if (url.pathname === '/page') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body>the page</body></html>');
    } else if (url.pathname === '/relative') {
      response.writeHead(301, { location: 'page' }).end();
    } else if (url.pathname === '/to-file') {
      response.writeHead(302, { location: 'file:///etc/passwd' }).end();
    } else if (url.pathname === '/slow') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('the beginning, and then nothing');
    } else if (url.pathname === '/huge') {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(LIMITS.maxBytes + 1) }).end('x'.repeat(LIMITS.maxBytes + 1));
    } else if (url.pathname === '/huge-chunked') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 20; i++) response.write('y'.repeat(8 * 1024));
      response.end();
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('gone');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function refusal(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

describe(PageFetcher.name, () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = await startServer();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  describe('with private addresses allowed', () => {
    const sut = new PageFetcher({ allowPrivate: true });

    it('fetches a page with its status, type and bytes', async () => {
      const page = await sut.fetch(`${base}/page`, LIMITS);
      expect(page).toMatchObject({ finalUrl: `${base}/page`, status: 200, contentType: 'text/html; charset=utf-8', redirects: [] });
      expect(page.body.toString('utf8')).toBe('<html><body>the page</body></html>');
    });

    it('answers an error page as it is, status included', async () => {
      const page = await sut.fetch(`${base}/missing`, LIMITS);
      expect(page.status).toBe(404);
      expect(page.body.toString()).toBe('gone');
    });

    it(`follows ${MAX_REDIRECTS} redirects and names them`, async () => {
      const page = await sut.fetch(`${base}/r/5`, LIMITS);
      expect(page.finalUrl).toBe(`${base}/page`);
      expect(page.redirects).toEqual([`${base}/r/5`, `${base}/r/4`, `${base}/r/3`, `${base}/r/2`, `${base}/r/1`]);
    });

    it('resolves a relative Location against the URL that sent it', async () => {
      expect((await sut.fetch(`${base}/relative`, LIMITS)).finalUrl).toBe(`${base}/page`);
    });

    it('refuses a sixth redirect', async () => {
      const error = await refusal(sut.fetch(`${base}/r/6`, LIMITS));
      expect(error.code).toBe('too_many_redirects');
      expect(error.message).toBe(`${base}/r/6 redirects more than 5 times`);
    });

    it('checks every redirect again: a hop to file: is refused', async () => {
      const error = await refusal(sut.fetch(`${base}/to-file`, LIMITS));
      expect(error.code).toBe('scheme');
    });

    it('gives up on a page that does not finish within the time limit', async () => {
      const error = await refusal(sut.fetch(`${base}/slow`, LIMITS));
      expect(error.code).toBe('timeout');
      expect(error.message).toContain('within 300 ms');
    });

    it('refuses a body announced larger than the cap', async () => {
      expect((await refusal(sut.fetch(`${base}/huge`, LIMITS))).code).toBe('too_large');
    });

    it('refuses a body that grows past the cap without announcing its length', async () => {
      const error = await refusal(sut.fetch(`${base}/huge-chunked`, LIMITS));
      expect(error.code).toBe('too_large');
      expect(error.message).toBe(`${base}/huge-chunked answers more than ${LIMITS.maxBytes} bytes`);
    });

    it('reports a closed port as a network failure', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      const error = await refusal(sut.fetch(`http://127.0.0.1:${port}/`, LIMITS));
      expect(error.code).toBe('network');
      expect(error.message).toContain('the connection was refused');
    });
  });

  describe('with private addresses refused', () => {
    const sut = new PageFetcher({ allowPrivate: false });

    it.each([
      ['http://127.0.0.1:9/', '127.0.0.1 is in the loopback range'],
      ['http://10.0.0.1/', '10.0.0.1 is in the private range'],
      ['http://192.168.1.10/admin', '192.168.1.10 is in the private range'],
      ['http://172.20.0.5/', '172.20.0.5 is in the private range'],
      ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is in the linkLocal range'],
      ['http://100.100.1.1/', '100.100.1.1 is in the carrierGradeNat range'],
      ['http://0.0.0.0/', '0.0.0.0 is in the unspecified range'],
      ['http://[::1]/', '::1 is in the loopback range'],
      ['http://[fd00::1]/', 'fd00::1 is in the uniqueLocal range'],
      ['http://[::ffff:127.0.0.1]/', 'is in the ipv4Mapped range (it carries the IPv4 address 127.0.0.1)'],
      ['http://[::127.0.0.1]/', '::7f00:1 is in the ipv4Compatible range (it carries the IPv4 address 127.0.0.1)'],
      ['http://[::8.8.8.8]/', 'is in the ipv4Compatible range (it carries the IPv4 address 8.8.8.8)'],
      ['http://[::ffff:0:a00:1]/', 'is in the ipv4Translated range (it carries the IPv4 address 10.0.0.1)'],
      ['http://[64:ff9b::7f00:1]/', 'is in the nat64 range (it carries the IPv4 address 127.0.0.1)'],
      ['http://[64:ff9b:1::a9fe:a9fe]/', 'is in the nat64 range (it carries the IPv4 address 169.254.169.254)'],
      ['http://[2002:7f00:1::]/', 'is in the 6to4 range (it carries the IPv4 address 127.0.0.1)'],
      ['http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/', 'is in the teredo range (it carries the IPv4 address 127.0.0.1)'],
      ['http://2130706433/', '127.0.0.1 is in the loopback range'],
    ])('refuses %s before connecting', async (url, message) => {
      const error = await refusal(sut.fetch(url, LIMITS));
      expect(error.code).toBe('address');
      expect(error.message).toContain(message);
    });

    it('refuses a name that resolves to a loopback address', async () => {
      const error = await refusal(sut.fetch(`${base.replace('127.0.0.1', 'localhost')}/page`, LIMITS));
      expect(error.code).toBe('address');
      expect(error.message).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), which is in the loopback range/);
    });

    it.each(['file:///etc/passwd', 'ftp://example.com/file.txt', 'gopher://example.com/', 'data:text/plain,hello', 'javascript:alert(1)'])(
      'refuses the non-http URL %s',
      async (url) => {
        expect((await refusal(sut.fetch(url, LIMITS))).code).toBe('scheme');
      },
    );

    it('refuses what is not a URL', async () => {
      const error = await refusal(sut.fetch('not a url', LIMITS));
      expect(error).toMatchObject({ code: 'bad_url', message: 'not a url is not a valid URL' });
    });
  });
});
