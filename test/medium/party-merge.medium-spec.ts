import { PARTY_REFERENCES } from '../../src/parties/party-references.js';
import { startMedium, type Medium } from './harness.js';

describe('PartiesService.merge', () => {
  let medium: Medium;
  beforeAll(async () => {
    medium = await startMedium();
  });
  afterAll(() => medium.close());

  it('moves every column the schema points at parties: the list of references is the database’s own', async () => {
    const keys: Array<{ tableName: string; columnName: string }> = await medium.dataSource.query(`
      SELECT m.name AS tableName, f."from" AS columnName
      FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
      WHERE m.type = 'table' AND f."table" = 'parties'`);
    const listed = PARTY_REFERENCES.map(({ table, column }) => `${table}.${column}`).sort();
    expect(keys.map(({ tableName, columnName }) => `${tableName}.${columnName}`).sort()).toEqual(listed);
  });
});
