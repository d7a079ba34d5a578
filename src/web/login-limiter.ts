/**
 * Failed sign-ins are counted per address and per email in fixed windows,
 * in this process: past the limit, sign-in answers 429 until the window
 * ends, even with the right password.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds to wait before trying again, or 0 when an attempt is allowed. */
  blockedFor(keys: string[], now = Date.now()): number {
    let wait = 0;
    for (const key of keys) {
      const entry = this.failures.get(key);
      if (entry && entry.until > now && entry.count >= this.limit) wait = Math.max(wait, entry.until - now);
    }
    return wait;
  }

  fail(keys: string[], now = Date.now()): void {
    if (this.failures.size > 100_000) this.failures.clear();
    for (const key of keys) {
      const entry = this.failures.get(key);
      if (entry && entry.until > now) entry.count += 1;
      else this.failures.set(key, { count: 1, until: now + this.windowMs });
    }
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
