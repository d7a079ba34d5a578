import { LoginLimiter } from './login-limiter.js';

describe(LoginLimiter.name, () => {
  it('blocks a key after the limit of failures until its window ends', () => {
    const sut = new LoginLimiter(3, 60_000);
    for (let i = 0; i < 3; i++) {
      expect(sut.blockedFor(['ip:1'], 1_000)).toBe(0);
      sut.fail(['ip:1'], 1_000);
    }
    expect(sut.blockedFor(['ip:1', 'email:a'], 2_000)).toBe(59_000);
    expect(sut.blockedFor(['ip:1'], 61_000)).toBe(0);
  });

  it('forgets the failures of a key that signs in', () => {
    const sut = new LoginLimiter(2, 60_000);
    sut.fail(['email:a'], 0);
    sut.succeed(['email:a']);
    sut.fail(['email:a'], 0);
    expect(sut.blockedFor(['email:a'], 0)).toBe(0);
  });
});
