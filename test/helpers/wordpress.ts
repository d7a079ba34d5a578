import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './child-service.js';
import { waitFor } from './wait-for.js';

const WORDPRESS = '/usr/share/wordpress';
const MARIADB = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };

export interface WpComment {
  post: number;
  author: string;
  email?: string;
  url?: string;
  content: string;
  /** A WordPress user id: a comment by the post's author is one of ours. */
  userId?: number;
  parent?: number;
  /** UTC, `YYYY-MM-DD HH:MM:SS`. */
  dateGmt?: string;
}

export interface WordPress {
  /** http://127.0.0.1:<port> */
  base: string;
  /** The id of the administrator who writes the posts. */
  adminId: number;
  /** Runs PHP with WordPress loaded; what the code returns comes back as JSON. */
  php: <T = unknown>(code: string) => Promise<T>;
  insertPost: (post: { title: string; slug: string; content?: string; dateGmt?: string }) => Promise<{ id: number; url: string }>;
  insertComment: (comment: WpComment) => Promise<number>;
  updateComment: (id: number, content: string) => Promise<void>;
  trashComment: (id: number) => Promise<void>;
  /** A real WXR file of the whole blog, written by WordPress's own export_wp(). */
  exportWxr: () => Promise<string>;
  close: () => Promise<void>;
}

/**
 * PHP's opcode cache on the command line too (off there by default), kept in files every PHP process of the tests
 * reads: each `php -r` below loads WordPress (a few hundred files) and compiled every one of them afresh, and PHP's
 * built-in server compiled them again for each request. The cache checks each file's time, so a WordPress updated by
 * apt is compiled again. The imports' e2e file alone, the cache kept: about 0.9 times the CPU and the time.
 */
const OPCACHE_DIR = join(tmpdir(), `calumet-php-opcache-${process.getuid?.() ?? 'user'}`);
const PHP_FLAGS = ['-d', 'opcache.enable_cli=1', '-d', `opcache.file_cache=${OPCACHE_DIR}`];
const phpString = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function runPhp(script: string, input = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('php', [...PHP_FLAGS, '-d', 'display_errors=stderr', '-r', script], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`php exited with ${code}: ${Buffer.concat(err).toString('utf8')}${Buffer.concat(out).toString('utf8').slice(-2000)}`));
    });
    child.stdin.end(input);
  });
}

const mariadb = (sql: string) =>
  runPhp(`$db = new mysqli(${phpString(MARIADB.host)}, ${phpString(MARIADB.user)}, ${phpString(MARIADB.password)}, null, ${MARIADB.port}); $db->query(${phpString(sql)}) or exit(1);`);

/**
 * A real WordPress (Debian's package) for one test file: its own MariaDB
 * database `wp_<random>`, its own config `/etc/wordpress/config-calumet-<random>.php`
 * picked by a router script (Debian reads the config named by
 * WORDPRESS_CONFIG), served by PHP's built-in server on a free port,
 * installed and filled with small PHP scripts. `pretty` turns pretty links on
 * (`/wp-json/`); without it the REST API answers at `?rest_route=`.
 */
export async function startWordPress(options: { pretty?: boolean } = {}): Promise<WordPress> {
  mkdirSync(OPCACHE_DIR, { recursive: true, mode: 0o700 });
  const id = randomBytes(5).toString('hex');
  const database = `wp_${id}`;
  const configName = `calumet-${id}`;
  const configFile = `/etc/wordpress/config-${configName}.php`;
  const dir = mkdtempSync(join(tmpdir(), 'calumet-wp-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;

  const close = async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((done) => server!.once('exit', done));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(configFile, { force: true });
    rmSync(dir, { recursive: true, force: true });
    await mariadb(`DROP DATABASE IF EXISTS ${database}`);
  };

  const boot = `$_SERVER['WORDPRESS_CONFIG'] = ${phpString(configName)}; $_SERVER['HTTP_HOST'] = ${phpString(`127.0.0.1:${port}`)}; $_SERVER['REQUEST_URI'] = '/';`;
  const php = async <T>(code: string): Promise<T> => {
    const output = await runPhp(`${boot} define('WP_USE_THEMES', false); require ${phpString(`${WORDPRESS}/wp-load.php`)}; $result = (function () { ${code} })(); echo "\\n@@JSON@@" . json_encode($result);`);
    return JSON.parse(output.slice(output.lastIndexOf('@@JSON@@') + 8)) as T;
  };

  try {
    await mariadb(`CREATE DATABASE ${database} CHARACTER SET utf8mb4`);
    writeFileSync(
      configFile,
      `<?php
define('DB_NAME', ${phpString(database)});
define('DB_USER', ${phpString(MARIADB.user)});
define('DB_PASSWORD', ${phpString(MARIADB.password)});
define('DB_HOST', ${phpString(`${MARIADB.host}:${MARIADB.port}`)});
define('WP_HOME', ${phpString(base)});
define('WP_SITEURL', ${phpString(base)});
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('WP_DEBUG', false);
`,
    );
    const router = join(dir, 'router.php');
    writeFileSync(
      router,
      `<?php
$_SERVER['WORDPRESS_CONFIG'] = ${phpString(configName)};
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if ($path !== '/' && is_file(${phpString(WORDPRESS)} . $path) && !str_ends_with($path, '.php')) return false;
if (str_ends_with($path, '.php') && is_file(${phpString(WORDPRESS)} . $path)) { chdir(dirname(${phpString(WORDPRESS)} . $path)); require ${phpString(WORDPRESS)} . $path; return; }
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
require ${phpString(`${WORDPRESS}/index.php`)};
`,
    );
    await runPhp(
      `${boot} define('WP_INSTALLING', true); require ${phpString(`${WORDPRESS}/wp-load.php`)}; require_once ABSPATH . 'wp-admin/includes/upgrade.php';
       wp_install('Le blog', 'admin', 'admin@example.com', true, '', 'password-${id}');
       update_option('permalink_structure', ${phpString(options.pretty === false ? '' : '/%postname%/')});
       update_option('comment_moderation', 0); update_option('comment_previously_approved', 0); update_option('thread_comments', 1);`,
    );
    server = spawn('php', [...PHP_FLAGS, '-S', `127.0.0.1:${port}`, '-t', WORDPRESS, router], { stdio: ['ignore', 'ignore', 'ignore'] });
    await waitFor('WordPress to answer', async () => (await fetch(`${base}/?rest_route=/`)).ok, 20_000, 100);
  } catch (error) {
    await close();
    throw error;
  }

  const adminId = await php<number>(`return get_user_by('login', 'admin')->ID;`);
  return {
    base,
    adminId,
    php,
    insertPost: async ({ title, slug, content = '<p>Un article.</p>', dateGmt }) =>
      php<{ id: number; url: string }>(
        `$id = wp_insert_post(['post_title' => ${phpString(title)}, 'post_name' => ${phpString(slug)}, 'post_content' => ${phpString(content)}, 'post_status' => 'publish', 'post_author' => ${adminId}${dateGmt ? `, 'post_date_gmt' => ${phpString(dateGmt)}, 'post_date' => ${phpString(dateGmt)}` : ''}], true);
         if (is_wp_error($id)) throw new Exception($id->get_error_message());
         return ['id' => $id, 'url' => get_permalink($id)];`,
      ),
    insertComment: async (comment) =>
      php<number>(
        `return wp_insert_comment(['comment_post_ID' => ${comment.post}, 'comment_author' => ${phpString(comment.author)},
           'comment_author_email' => ${phpString(comment.email ?? '')}, 'comment_author_url' => ${phpString(comment.url ?? '')},
           'comment_content' => ${phpString(comment.content)}, 'comment_parent' => ${comment.parent ?? 0}, 'user_id' => ${comment.userId ?? 0},
           'comment_approved' => 1${comment.dateGmt ? `, 'comment_date_gmt' => ${phpString(comment.dateGmt)}, 'comment_date' => ${phpString(comment.dateGmt)}` : ''}]);`,
      ),
    updateComment: async (commentId, content) => {
      await php(`$r = wp_update_comment(['comment_ID' => ${commentId}, 'comment_content' => ${phpString(content)}], true); if (is_wp_error($r)) throw new Exception($r->get_error_message()); return $r;`);
    },
    trashComment: async (commentId) => {
      await php(`return wp_trash_comment(${commentId});`);
    },
    exportWxr: async () => {
      const file = join(dir, `export-${randomBytes(3).toString('hex')}.xml`);
      await php(`require_once ABSPATH . 'wp-admin/includes/export.php'; ob_start(); export_wp(['content' => 'all']); file_put_contents(${phpString(file)}, ob_get_clean()); return true;`);
      return file;
    },
    close,
  };
}

type StandIn = (request: IncomingMessage, response: ServerResponse, url: URL) => void;

export interface StandInBlog {
  base: string;
  postUrl: string;
  /** REST requests received, as path + query. */
  requests: string[];
  close: () => Promise<void>;
}

/**
 * A stand-in blog (node:http) for the edges a real WordPress does not show on
 * demand: `perPage` comments a page whatever per_page asks, the REST API at
 * `/wp-json/` or only at `?rest_route=`, announced by a Link header, a
 * `<link>` tag, or not at all.
 */
export async function startStandInBlog(options: {
  comments: number;
  perPage: number;
  style: 'pretty' | 'plain';
  announce: 'header' | 'tag' | 'none';
}): Promise<StandInBlog> {
  const requests: string[] = [];
  const comments = Array.from({ length: options.comments }, (_, i) => ({
    id: 100 + i,
    post: 7,
    parent: 0,
    author: 0,
    author_name: `Lecteur ${i + 1}`,
    author_url: '',
    date_gmt: new Date(Date.UTC(2026, 0, 1, 10, i)).toISOString().slice(0, 19),
    content: { rendered: `<p>Commentaire n°&nbsp;${i + 1}</p>` },
    link: `http://stand-in/le-billet/#comment-${100 + i}`,
  }));
  let base = '';
  const api: StandIn = (_request, response, url) => {
    const route = options.style === 'pretty' ? url.pathname.replace(/^\/wp-json/, '') : (url.searchParams.get('rest_route') ?? '');
    const json = (body: unknown, headers: Record<string, string> = {}) => response.writeHead(200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    if (route === '/wp/v2/posts' && url.searchParams.get('slug') === 'le-billet') {
      return json([{ id: 7, slug: 'le-billet', author: 1, link: `${base}/le-billet/`, date_gmt: '2026-01-01T09:00:00', title: { rendered: 'Le billet' } }]);
    }
    if (route === '/wp/v2/comments' && url.searchParams.get('post') === '7') {
      const page = Number(url.searchParams.get('page') ?? '1');
      const pages = Math.max(1, Math.ceil(comments.length / options.perPage));
      return json(comments.slice((page - 1) * options.perPage, page * options.perPage), { 'x-wp-total': String(comments.length), 'x-wp-totalpages': String(pages) });
    }
    if (route === '/' || route === '') return json({ name: 'Stand-in', namespaces: ['wp/v2'] });
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"code":"rest_no_route"}');
  };
  const server = createServer((request, response) => {
    const url = new URL(request.url!, 'http://stand-in');
    const root = options.style === 'pretty' ? `${base}/wp-json/` : `${base}/?rest_route=/`;
    if (url.pathname === '/le-billet/') {
      const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
      if (options.announce === 'header') headers['link'] = `<${root}>; rel="https://api.w.org/"`;
      const tag = options.announce === 'tag' ? `<link rel="https://api.w.org/" href="${root.replace(/&/g, '&amp;')}" />` : '';
      return response.writeHead(200, headers).end(`<!doctype html><html><head><title>Le billet</title>${tag}</head><body><h1>Le billet</h1></body></html>`);
    }
    const isApi = options.style === 'pretty' ? url.pathname.startsWith('/wp-json') : url.pathname === '/' && url.searchParams.has('rest_route');
    if (isApi) {
      requests.push(`${url.pathname}${url.search}`);
      return api(request, response, url);
    }
    response.writeHead(404, { 'content-type': 'text/html' }).end('<p>Not found</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    postUrl: `${base}/le-billet/`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
