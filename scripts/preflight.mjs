// `npm test`'s first step: are the real parts the tests use here? Names, in one
// line, every one that is missing and the command that sets them up, before
// any test runs. Each check gives up after a short timeout; they run at once.
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const SETUP_COMMAND = 'npm run test:setup';

/**
 * What `npm test` needs, read from the environment as the tests read it
 * (test/helpers/app.ts, test/helpers/wordpress.ts, test/web/browser.ts, jest.config.js).
 */
export function requirements(env) {
  return {
    path: env.PATH ?? '',
    redisUrl: env.CALUMET_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/5',
    // The e2e-postgres project runs only then (jest.config.js).
    postgresUrl: env.CI === 'true' || env.CALUMET_TEST_POSTGRES === '1' ? (env.CALUMET_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres') : null,
    mariadb: { host: '127.0.0.1', port: 3306, user: 'root', password: '' },
    wordpress: '/usr/share/wordpress',
    wordpressConfig: '/etc/wordpress',
    theme: 'twentytwentythree',
    chromium: '/usr/bin/chromium',
    // The desk walks' browser (test/web/browser.ts).
    headlessShell: '/usr/bin/chromium-headless-shell',
  };
}

// A short reason: an error code, or `timeout` whoever said it (pg words it its own way).
const reason = (error) => error?.code ?? (/timeout|timed out/i.test(error?.message) ? 'timeout' : (error?.message ?? String(error)));

const succeeds = (check) => {
  try {
    check();
    return true;
  } catch {
    return false;
  }
};
const exists = (file) => succeeds(() => statSync(file));
const executable = (file) => succeeds(() => accessSync(file, constants.X_OK)) && statSync(file).isFile();
const writable = (dir) => succeeds(() => accessSync(dir, constants.W_OK));

/** The first command named `name` on a PATH, or null. */
export function onPath(name, path) {
  const dirs = path.split(delimiter).filter(Boolean);
  const dir = dirs.find((dir) => executable(join(dir, name)));
  return dir === undefined ? null : join(dir, name);
}

/** Opens a TCP connection, writes `request` (if any) and resolves with the first bytes answered; rejects on error or timeout. */
function exchange(host, port, request, timeoutMs) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const done = (error, data) => {
      socket.destroy();
      if (error) reject(error);
      else resolve(data);
    };
    socket.setTimeout(timeoutMs, () => done(Object.assign(new Error('timeout'), { code: 'timeout' })));
    socket.once('error', (error) => done(error));
    socket.once('connect', () => request && socket.write(request));
    socket.once('data', (data) => done(null, data));
    socket.once('end', () => done(Object.assign(new Error('closed'), { code: 'closed' })));
  });
}

const resp = (...words) => `*${words.length}\r\n${words.map((word) => `$${Buffer.byteLength(word)}\r\n${word}\r\n`).join('')}`;

async function checkRedis(url, timeoutMs) {
  const target = new URL(url);
  const host = target.hostname || '127.0.0.1';
  const port = Number(target.port || 6379);
  const name = `Redis at ${host}:${port}`;
  const password = decodeURIComponent(target.password);
  const auth = password ? (target.username ? resp('AUTH', decodeURIComponent(target.username), password) : resp('AUTH', password)) : '';
  try {
    // With AUTH first, the first answer is AUTH's: +OK, then PING's +PONG would follow.
    const answer = (await exchange(host, port, `${auth}${resp('PING')}`, timeoutMs)).toString('latin1');
    return answer.startsWith(auth ? '+OK' : '+PONG') ? null : `${name} (answers ${JSON.stringify(answer.split('\r\n')[0])})`;
  } catch (error) {
    return `${name} (${reason(error)})`;
  }
}

async function checkPostgres(url, timeoutMs) {
  const target = new URL(url);
  const name = `PostgreSQL at ${target.hostname}:${target.port || 5432} as ${decodeURIComponent(target.username) || 'postgres'}`;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `${name} (${reason(error)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** MariaDB's greeting: a packet whose 5th byte is the protocol version, 10. */
async function checkMariadbPort({ host, port }, timeoutMs) {
  try {
    const greeting = await exchange(host, port, null, timeoutMs);
    return greeting[4] === 10 ? null : `MariaDB at ${host}:${port} (something else answers)`;
  } catch (error) {
    return `MariaDB at ${host}:${port} (${reason(error)})`;
  }
}

const run = (file, args, env, timeoutMs) =>
  new Promise((resolve) => execFile(file, args, { env, timeout: timeoutMs, encoding: 'utf8' }, (error, stdout) => resolve(error ? null : stdout)));

const quote = (value) => `'${String(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** PHP's modules, and whether it signs in to MariaDB as WordPress does (only when mysqli is there). */
async function checkPhp(php, { mariadb, path }, timeoutMs) {
  const code = `$m = ['mysqli' => extension_loaded('mysqli'), 'xml' => extension_loaded('xml'), 'mbstring' => extension_loaded('mbstring')];
    $signIn = null;
    if ($m['mysqli']) { mysqli_report(MYSQLI_REPORT_OFF); $db = mysqli_init(); $db->options(MYSQLI_OPT_CONNECT_TIMEOUT, 1);
      $signIn = @$db->real_connect(${quote(mariadb.host)}, ${quote(mariadb.user)}, ${quote(mariadb.password)}, null, ${Number(mariadb.port)}) ? true : $db->connect_errno; }
    echo json_encode(['modules' => $m, 'signIn' => $signIn]);`;
  // PHP starts, then connects: a second more.
  const out = await run(php, ['-r', code], { PATH: path }, timeoutMs + 1000);
  if (out === null) return { problems: ['a working php'], signIn: null };
  const { modules, signIn } = JSON.parse(out.slice(out.indexOf('{')));
  const absent = Object.keys(modules).filter((name) => !modules[name]);
  return { problems: absent.length ? [`PHP modules ${absent.join(', ')}`] : [], signIn };
}

/** Every missing piece, named for a person; [] when the tests have all they need. */
// Something refused or absent answers at once; the timeout only bounds a part that hangs (and a machine under load).
export async function missingPieces(needs, { timeoutMs = 2000 } = {}) {
  const php = onPath('php', needs.path);
  const [redis, postgres, mariadbPort, phpResult] = await Promise.all([
    checkRedis(needs.redisUrl, timeoutMs),
    needs.postgresUrl ? checkPostgres(needs.postgresUrl, timeoutMs) : null,
    checkMariadbPort(needs.mariadb, timeoutMs),
    php ? checkPhp(php, needs, timeoutMs) : { problems: ['php'], signIn: null },
  ]);
  const { host, port, user, password } = needs.mariadb;
  const missing = [redis, postgres, mariadbPort, ...phpResult.problems];
  if (!mariadbPort && phpResult.signIn !== null && phpResult.signIn !== true) {
    missing.push(`MariaDB sign-in at ${host}:${port} as ${user}${password ? '' : ' without a password'} (error ${phpResult.signIn})`);
  }
  if (!exists(join(needs.wordpress, 'wp-load.php'))) missing.push(`WordPress at ${needs.wordpress}`);
  else if (!exists(join(needs.wordpress, 'wp-content', 'themes', needs.theme))) missing.push(`WordPress theme ${needs.theme}`);
  if (!writable(needs.wordpressConfig)) missing.push(`${needs.wordpressConfig} writable`);
  if (!executable(needs.chromium)) missing.push(`Chromium at ${needs.chromium}`);
  if (!executable(needs.headlessShell)) missing.push(`Chromium's headless shell at ${needs.headlessShell}`);
  if (!onPath('pdftotext', needs.path)) missing.push('pdftotext');
  return missing.filter(Boolean);
}

/** The one line `npm test` prints when something is missing. */
export function report(missing) {
  return `npm test cannot run, missing: ${missing.join('; ')}. Run \`${SETUP_COMMAND}\` (Debian/Ubuntu; macOS and Docker: README.md, "Tests").`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const needs = requirements(process.env);
  const missing = await missingPieces(needs);
  if (missing.length > 0) {
    console.error(report(missing));
    process.exit(1);
  }
  console.log(`preflight: Redis, ${needs.postgresUrl ? 'PostgreSQL, ' : ''}MariaDB, PHP, WordPress, Chromium and pdftotext are there`);
}
