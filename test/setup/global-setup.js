// Jest's global set-up, once a run before any worker starts: names the run, so that what the workers share for its
// length (the PostgreSQL template of migrated databases, test/helpers/database.ts) is found by them and dropped after it.
import { randomBytes } from 'node:crypto';

export default function globalSetup() {
  process.env.CALUMET_TEST_RUN ??= randomBytes(4).toString('hex');
}
