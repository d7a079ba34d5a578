import { formTokenKey, readFormToken, signFormToken } from './public-notice-gate.js';

describe('public notice form tokens', () => {
  const key = formTokenKey(Buffer.alloc(32, 1));

  it('reads back when a token this key signed was issued', () => {
    expect(readFormToken(key, signFormToken(key, 1_796_310_000_000))).toBe(1_796_310_000_000);
  });

  it('refuses a token signed with another key, one whose time was changed, a malformed one and anything not text', () => {
    const token = signFormToken(key, 1_796_310_000_000);
    expect(readFormToken(formTokenKey(Buffer.alloc(32, 2)), token)).toBeNull();
    expect(readFormToken(key, token.replace('1796310000000', '1796300000000'))).toBeNull();
    for (const bad of ['', 'v1.1.2.3', `v2${token.slice(2)}`, `${token}.x`, token.slice(0, -1), 42, undefined, null]) expect(readFormToken(key, bad)).toBeNull();
  });
});
