import { Redis } from 'ioredis';

/** Removes every key under a prefix (a test app's, a benchmark's), so runs leave nothing behind in Redis. */
export async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
  // A Redis that is not there (a test of the service without one) has nothing to clean.
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
  } catch {
    redis.disconnect();
    return;
  }
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}
