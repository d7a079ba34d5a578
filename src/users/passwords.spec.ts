import { hashPassword, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('accepts the password it hashed and refuses another', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored.startsWith('scrypt$')).toBe(true);
    await expect(verifyPassword('correct horse battery', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterY', stored)).resolves.toBe(false);
  });

  it('salts each hash, so one password never hashes twice the same', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });

  it('refuses every password for a user who has none', async () => {
    await expect(verifyPassword('anything at all', null)).resolves.toBe(false);
  });
});
