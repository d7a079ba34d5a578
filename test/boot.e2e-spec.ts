import { freePort } from './helpers/child-service.js';
import { startApp, testDb, type TestApp } from './helpers/app.js';

describe('boot', () => {
  let t: TestApp;
  beforeAll(async () => {
    // On an empty database: the migrations run at start, as on a new install (other tests start on a migrated copy).
    t = await startApp({}, { emptyDatabase: true });
  });
  afterAll(() => t.close());

  it('serves /health without a token', async () => {
    const response = await t.anonymous().get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', db: 'up', redis: 'up' });
  });

  it('runs every migration at start, in order, and none is left pending: every table and column the entities map is there', async () => {
    expect(await t.dataSource.showMigrations()).toBe(false);
    const table = t.dataSource.options.migrationsTableName ?? 'migrations';
    const ran = (await t.dataSource.query(`SELECT name FROM ${table} ORDER BY id`)) as Array<{ name: string }>;
    // TypeORM runs them by the timestamp ending each name, whatever their order in the list.
    const stamp = (name: string) => Number(/\d{13}$/.exec(name)?.[0]);
    const known = t.dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name);
    expect(ran.map((row) => row.name)).toEqual(known.sort((a, b) => stamp(a) - stamp(b)));
    const runner = t.dataSource.createQueryRunner();
    try {
      const missing: string[] = [];
      for (const entity of t.dataSource.entityMetadatas.filter((metadata) => metadata.tableType !== 'view')) {
        const found = await runner.getTable(entity.tablePath);
        if (!found) missing.push(entity.tablePath);
        else for (const column of entity.columns) if (!found.findColumnByName(column.databaseName)) missing.push(`${entity.tablePath}.${column.databaseName}`);
      }
      expect({ entities: t.dataSource.entityMetadatas.length > 20, missing }).toEqual({ entities: true, missing: [] });
    } finally {
      await runner.release();
    }
  });

  it('opens SQLite in WAL mode with a busy timeout, so an API and a worker process can both write', async () => {
    if (testDb() !== 'sqlite') return expect(t.dataSource.options.type).toBe('postgres');
    expect(await t.dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    // The writing connection's: a busy lock is asked for again after it, up to SQLITE_LOCK_WAIT (test/medium/write-lock-wait).
    expect(await t.dataSource.query('PRAGMA busy_timeout')).toEqual([{ timeout: 1000 }]);
    expect(await t.dataSource.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
  });
});

describe('boot without Redis', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
  });
  afterAll(() => t.close());

  it('still serves the API, and says it is degraded', async () => {
    const response = await t.anonymous().get('/health').expect(200);
    expect(response.body).toEqual({ status: 'degraded', db: 'up', redis: 'down' });
    await t.api().post('/api/incidents').send({ title: 'Written without Redis', severity: 'low' }).expect(201);
  });
});
