import { createHash } from 'node:crypto';
import { dailySealKey, sealRoot } from './seal-root.js';

const a = { incidentId: '0aaa', seq: 3, hash: 'h3' };
const b = { incidentId: '0bbb', seq: 7, hash: 'h7' };

describe(sealRoot.name, () => {
  it('is the SHA-256 of the canonical JSON of [incidentId, seq, hash] sorted by incident', () => {
    expect(sealRoot([b, a])).toBe(createHash('sha256').update('[["0aaa",3,"h3"],["0bbb",7,"h7"]]').digest('hex'));
  });

  it('does not depend on the order the heads come in', () => {
    expect(sealRoot([a, b])).toBe(sealRoot([b, a]));
  });

  it('changes when any head changes', () => {
    expect(sealRoot([a, { ...b, seq: 8 }])).not.toBe(sealRoot([a, b]));
    expect(sealRoot([a, { ...b, hash: 'other' }])).not.toBe(sealRoot([a, b]));
  });
});

describe(dailySealKey.name, () => {
  const at = { hour: 3, minute: 0 };

  it('names today once SEAL_AT has passed in the time zone', () => {
    expect(dailySealKey(new Date('2026-03-10T02:30:00Z'), 'Europe/Paris', at)).toBe('2026-03-10');
  });

  it('names yesterday before SEAL_AT, so a missed seal is still made', () => {
    expect(dailySealKey(new Date('2026-03-10T01:59:00Z'), 'Europe/Paris', at)).toBe('2026-03-09');
  });
});
