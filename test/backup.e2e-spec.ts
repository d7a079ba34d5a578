import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freshDatabase, startApp, testDb, type TestApp } from './helpers/app.js';
import { fixtures } from './helpers/incident-fixtures.js';
import { startSmtp } from './helpers/smtp.js';
import { waitFor } from './helpers/wait-for.js';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

interface Cli {
  child: ChildProcess;
  stdout: string[];
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** `node dist/bundle/backup/<script>` as npm run backup / restore start it, with exactly this environment. */
function cli(script: 'backup-cli' | 'restore-cli', args: string[], env: Record<string, string>): Cli {
  const child = spawn(process.execPath, [resolve(`dist/bundle/backup/${script}.js`), ...args], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((finish) =>
    child.on('close', (code, signal) => finish({ code, signal, stdout: stdout.join(''), stderr: stderr.join('') })),
  );
  return { child, stdout, done };
}

/** The backups and partial folders in a folder of backups. */
const entries = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);

describe('backup and restore', () => {
  let t: TestApp;
  let work: string;
  let out: string;
  let backup: string;
  let manifest: { files: Array<{ path: string; sha256: string }>; timelines: unknown[]; latestSeal: { root: string } | null };
  /** The target restores write into: a fresh database and evidence folder each. */
  const targets: Array<{ drop: () => Promise<void> }> = [];
  let quiet: { id: string; ref: string };
  let busy: { id: string; ref: string };
  let evidence: Array<{ id: string; sha256: string }>;
  let seal: { root: string };
  let ackedBefore: string[];
  // Evidence in the folder on both databases: its files are what a backup copies beside the snapshot (with
  // EVIDENCE_STORE=postgres the bytes are rows of the dump, checked by the restore like any evidence).
  const STORE = { EVIDENCE_STORE: 'directory' };
  const desk = () => ({ DATABASE_URL: t.config.database.type === 'sqlite' ? `sqlite:${t.config.database.path}` : t.config.database.url, EVIDENCE_DIR: t.config.evidenceDir, ...STORE });

  async function freshTarget() {
    const database = await freshDatabase();
    const evidenceDir = mkdtempSync(join(tmpdir(), 'calumet-restored-evidence-'));
    rmSync(evidenceDir, { recursive: true });
    targets.push({ drop: async () => (await database.drop(), rmSync(evidenceDir, { recursive: true, force: true })) });
    return { DATABASE_URL: database.url, EVIDENCE_DIR: evidenceDir, ...STORE };
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'calumet-backups-'));
    out = join(work, 'backups');
    t = await startApp(STORE);
    const f = fixtures(t);
    quiet = await f.incident({ title: 'Settled before the backup' });
    await f.comment(quiet.id, { body: 'I ask you to remove my name.' });
    const reply = await f.comment(quiet.id, { body: 'Done.', direction: 'outbound', authorName: 'Us' });
    await f.comment(quiet.id, { body: 'Thank you.', parentId: reply.id });
    // Enough evidence that copying it takes a while: a backup is killed while it copies.
    evidence = [];
    for (let i = 0; i < 120; i++) {
      const text = `Transcript ${i}: ${'x'.repeat(150_000)}`;
      const created = (await t.api().post(`/api/incidents/${quiet.id}/evidence`).send({ kind: 'text', text }).expect(201)).body;
      evidence.push({ id: created.id, sha256: created.sha256 });
    }
    busy = await f.incident({ title: 'Still going on' });
    seal = (await t.api().post('/api/seals').expect(201)).body;
  }, 120_000);

  afterAll(async () => {
    await t.close();
    for (const target of targets) await target.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('writes a backup while the desk keeps taking writes: every write acknowledged before it began is in it', async () => {
    const f = fixtures(t);
    const acked: string[] = [];
    let writing = true;
    const writer = (async () => {
      for (let n = 1; writing; n++) {
        const comment = await f.comment(busy.id, { body: `Message ${n} while the backup runs` });
        acked.push(comment.id);
      }
    })();
    await waitFor('writes before the backup', () => acked.length >= 10);
    // What was acknowledged before the backup began, in the order the test saw it (a clock can give the tenth write and
    // the backup's start the same millisecond).
    const before = acked.length;
    const run = cli('backup-cli', ['--out', out], desk());
    const result = await run.done;
    const during = acked.length;
    await waitFor('writes after the backup', () => acked.length > during + 3);
    writing = false;
    await writer;

    expect(result).toMatchObject({ code: 0, stderr: '' });
    const [name] = entries(out);
    expect(entries(out)).toEqual([expect.stringMatching(/^calumet-\d{4}-\d\d-\d\dT[\d-]+Z$/)]);
    expect(result.stdout).toContain(`backup written: ${join(out, name!)}`);
    backup = join(out, name!);
    manifest = JSON.parse(readFileSync(join(backup, 'manifest.json'), 'utf8'));
    expect(manifest.latestSeal).toEqual({ id: expect.any(String), root: seal.root });
    expect(manifest.timelines).toHaveLength(2);
    expect(manifest.files.filter((file) => file.path.startsWith('evidence/')).map((file) => file.sha256).sort()).toEqual([...new Set(evidence.map((e) => e.sha256))].sort());
    ackedBefore = acked.slice(0, before);
    expect(ackedBefore.length).toBeGreaterThanOrEqual(10);
  }, 120_000);

  it('restores into a fresh desk, checks it, and the restored desk answers as the one backed up', async () => {
    const target = await freshTarget();
    const result = await cli('restore-cli', [backup], target).done;
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`files: ${manifest.files.length} checked against the manifest's SHA-256`);
    expect(result.stdout).toContain('timelines: 2 verified from their first event');
    expect(result.stdout).toContain(`latest seal ${seal.root}: verified (2 timelines extend it)`);
    expect(result.stdout).toContain(`evidence: ${new Set(evidence.map((e) => e.sha256)).size} contents named by the rows, each present and hashing to its name`);
    expect(result.stdout).toContain('restore complete');

    const restored = await startApp({ ...target, CALUMET_ADMIN_TOKEN: t.adminToken });
    try {
      const both = async (path: string) => [(await t.api().get(path).expect(200)).body, (await restored.api(t.adminToken).get(path).expect(200)).body];
      for (const path of [`/api/incidents/${quiet.id}`, `/api/incidents/${quiet.id}/comments?limit=100`, `/api/incidents/${quiet.id}/timeline/verify`]) {
        const [before, after] = await both(path);
        expect(after).toEqual(before);
      }
      expect((await restored.api(t.adminToken).get(`/api/incidents/${quiet.id}/timeline/verify`).expect(200)).body.valid).toBe(true);
      expect((await restored.api(t.adminToken).get(`/api/incidents/${busy.id}/timeline/verify`).expect(200)).body.valid).toBe(true);
      for (const piece of [evidence[0]!, evidence[evidence.length - 1]!]) {
        const { text } = await restored.api(t.adminToken).get(`/api/evidence/${piece.id}/content`).expect(200);
        expect(sha256(Buffer.from(text, 'utf8'))).toBe(piece.sha256);
      }
      expect((await restored.api(t.adminToken).post('/api/seals/verify').send({ root: seal.root }).expect(200)).body).toEqual({ valid: true, root: seal.root, incidents: 2, findings: [], removed: [] });
      const rows = (await restored.dataSource.query(testDb() === 'postgres' ? 'SELECT id FROM comments WHERE incident_id = $1' : 'SELECT id FROM comments WHERE incident_id = ?', [busy.id])) as Array<{ id: string }>;
      const kept = new Set(rows.map((row) => row.id));
      expect(ackedBefore.filter((id) => !kept.has(id))).toEqual([]);
    } finally {
      await restored.close();
    }
  }, 120_000);

  it('refuses to restore over a desk that holds data unless told --force', async () => {
    const result = await cli('restore-cli', [backup], desk()).done;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('holds data');
    expect(result.stderr).toContain('restore refused: nothing was written');
  });

  it('names a byte changed in the backup and stops before writing anything', async () => {
    const altered = join(work, 'altered');
    cpSync(backup, altered, { recursive: true });
    const victim = manifest.files.find((file) => file.path.startsWith('evidence/'))!.path;
    const bytes = readFileSync(join(altered, victim));
    bytes[100] = bytes[100]! ^ 0x01;
    writeFileSync(join(altered, victim), bytes);
    const target = await freshTarget();

    const result = await cli('restore-cli', [altered], target).done;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`altered: ${victim}: SHA-256 ${sha256(bytes)}`);
    expect(result.stderr).toContain('nothing was written');
    expect(existsSync(target.EVIDENCE_DIR)).toBe(false);
    const again = await cli('restore-cli', [altered], target).done;
    expect(again.stderr).not.toContain('holds data');
  });

  it('leaves nothing a restore accepts when the backup is killed midway', async () => {
    const killedOut = join(work, 'killed');
    const run = cli('backup-cli', ['--out', killedOut], desk());
    // The database is in the partial folder; the evidence is being copied.
    await waitFor('the database snapshot', () => run.stdout.join('').includes('database ('));
    run.child.kill('SIGKILL');
    const result = await run.done;
    expect(result.signal).toBe('SIGKILL');
    expect(result.stdout).not.toContain('backup written');

    const left = entries(killedOut);
    expect(left).toEqual([expect.stringMatching(/^\.calumet-.*\.partial$/)]);
    const partial = join(killedOut, left[0]!);
    const refused = await cli('restore-cli', [partial], await freshTarget()).done;
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('never finished');
    // Renamed by hand, it is still no backup: its manifest was never written.
    const renamed = join(killedOut, 'calumet-renamed');
    cpSync(partial, renamed, { recursive: true });
    const stillRefused = await cli('restore-cli', [renamed], await freshTarget()).done;
    expect(stillRefused.code).toBe(1);
    expect(stillRefused.stderr).toContain('has no manifest.json');
  });
});

describe('scheduled backups', () => {
  it('the worker writes one into BACKUP_DIR once the newest there is older than BACKUP_INTERVAL, keeping BACKUP_KEEP', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'calumet-scheduled-'));
    const old = join(dir, 'calumet-2020-01-01T00-00-00-000Z');
    mkdirSync(old);
    const t = await startApp({ CALUMET_ROLES: 'api,worker', BACKUP_DIR: dir, BACKUP_KEEP: '1' });
    try {
      await fixtures(t).incident({ title: 'Backed up on schedule' });
      const name = await waitFor('a scheduled backup', () => entries(dir).find((entry) => /^calumet-2\d{3}/.test(entry) && entry !== 'calumet-2020-01-01T00-00-00-000Z' && existsSync(join(dir, entry, 'manifest.json'))));
      await waitFor('the oldest backup removed', () => !existsSync(old));
      expect(entries(dir)).toEqual([name]);
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('tells the admins, by email and in-app, when a scheduled backup fails', async () => {
    const smtp = await startSmtp();
    const work = mkdtempSync(join(tmpdir(), 'calumet-scheduled-'));
    // BACKUP_DIR under a file: no folder can be made there.
    writeFileSync(join(work, 'a-file'), '');
    const t = await startApp({ CALUMET_ROLES: 'api,worker', BACKUP_DIR: join(work, 'a-file', 'backups'), SMTP_URL: smtp.url });
    try {
      const mail = await waitFor('the alert by mail', () => smtp.mails.find((m) => m.subject === 'Calumet: the scheduled backup failed'));
      expect(mail.text).toContain(join(work, 'a-file', 'backups'));
      const notices = await waitFor('the alert in-app', async () => (await t.api().get('/api/me/notifications').expect(200)).body.items.filter((n: { kind: string }) => n.kind === 'backup_failed'));
      expect(notices).toEqual([expect.objectContaining({ reminderId: null, incidentId: null, title: 'Calumet: the scheduled backup failed' })]);
    } finally {
      await t.close();
      await smtp.close();
      rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);
});
