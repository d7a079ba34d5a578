import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { UsersService } from '../../src/users/users.service.js';
import { refusal, startMedium, type Medium } from './harness.js';

/** An admin always stays: the desk's people, roles and rules are changed by admins alone (docs/web.md, /admin). */
describe(`${UsersService.name}.update`, () => {
  let t: Medium;
  let sut: UsersService;
  beforeAll(async () => {
    t = await startMedium();
    sut = t.get(UsersService);
  });
  afterAll(async () => {
    await t.close();
  });

  const activeAdmins = async () => (await sut.everyone()).filter((user) => user.role === 'admin' && user.active).map((user) => user.id);
  const admin = async (n: number) => (await sut.create({ name: `Admin ${n}`, email: `admin-${n}@example.org`, role: 'admin' })).user.id;

  it('refuses to demote or deactivate the last active admin, naming the field', async () => {
    const only = await admin(0);
    for (const id of await activeAdmins()) if (id !== only) await sut.update(id, { role: 'legal' });
    expect(await refusal(sut.update(only, { role: 'legal' }))).toMatchObject({ statusCode: 409, problems: [expect.objectContaining({ code: 'user.lastAdmin', field: 'role' })] });
    expect(await refusal(sut.update(only, { active: false }))).toMatchObject({ statusCode: 409, problems: [expect.objectContaining({ code: 'user.lastAdmin', field: 'active' })] });
    expect(await activeAdmins()).toEqual([only]);
  });

  it('keeps one admin when the last two are demoted or deactivated at once, each time', async () => {
    for (let round = 1; round <= 12; round++) {
      const [kept] = await activeAdmins();
      const other = await admin(round);
      const results = await Promise.allSettled([sut.update(kept!, round % 2 ? { role: 'community_manager' } : { active: false }), sut.update(other, { role: 'legal' })]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      expect(await refusal(Promise.reject(refused?.reason))).toMatchObject({ statusCode: 409, problems: [expect.objectContaining({ code: 'user.lastAdmin' })] });
      expect(await activeAdmins()).toHaveLength(1);
    }
  });
});

/** The admin Calumet creates on a first start is named in the desk's language (CALUMET_LANGUAGE); a name is data after that. */
describe(`${UsersService.name}.ensureBootstrapAdmin`, () => {
  it.each([
    ['en', 'Administrator'],
    ['fr', 'Administrateur'],
  ])('names the built-in admin in the desk’s language (%s)', async (language, name) => {
    const t = await startMedium({ CALUMET_LANGUAGE: language });
    try {
      const sut = t.get(UsersService);
      await sut.ensureBootstrapAdmin(`test-admin-${language}-token-0123456789abcdef`, 'http://127.0.0.1');
      expect((await sut.everyone()).filter((user) => user.role === 'admin').map((user) => user.name)).toEqual([name]);
    } finally {
      await t.close();
    }
  });
});
