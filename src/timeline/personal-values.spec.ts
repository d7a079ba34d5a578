import { eventHash, GENESIS_HASH } from './timeline-hash.js';
import { definePersonalFields, digestsOf, ERASED, mismatchedValue, PERSONAL, personalDigest, protect, reveal } from './personal-values.js';
import type { TimelineEventType } from './timeline-events.js';

const TYPE = 'test.personal' as TimelineEventType;
definePersonalFields(TYPE, { name: (() => 'p1') as never } as never);

describe('personal values in timeline payloads', () => {
  it('stores a salted digest in place of each personal field, and keeps the value beside it', () => {
    const { stored, values } = protect(TYPE, { name: 'Zoé', other: 'kept' }, {}, () => 'a'.repeat(64));
    expect(stored).toEqual({ name: { [PERSONAL]: personalDigest('a'.repeat(64), 'Zoé'), party: 'p1' }, other: 'kept' });
    expect(values).toEqual([{ path: 'name', partyId: 'p1', salt: 'a'.repeat(64), value: 'Zoé', digest: personalDigest('a'.repeat(64), 'Zoé') }]);
  });

  it('gives two events of the same value different digests (a fresh salt each)', () => {
    const [a, b] = [protect(TYPE, { name: 'Zoé' }, {}), protect(TYPE, { name: 'Zoé' }, {})];
    expect(digestsOf(a.stored)[0]!.digest).not.toBe(digestsOf(b.stored)[0]!.digest);
  });

  it('leaves the event hash unchanged when the value is erased: the hash covers the digest only', () => {
    const { stored } = protect(TYPE, { name: 'Zoé' }, {});
    const event = { id: 'e1', incidentId: 'i1', seq: 1, at: new Date(0), actor: 'system', type: TYPE, payload: stored, prevHash: GENESIS_HASH };
    const hash = eventHash(event);
    expect(reveal(stored, new Map([['name', 'Zoé']]))).toEqual({ name: 'Zoé' });
    expect(reveal(stored, new Map())).toEqual({ name: ERASED });
    expect(eventHash(event)).toBe(hash);
  });

  it('names a kept value that does not match its digest', () => {
    const { stored, values } = protect(TYPE, { name: 'Zoé' }, {});
    expect(mismatchedValue(stored, values)).toBeNull();
    expect(mismatchedValue(stored, [{ ...values[0]!, value: 'Mallory' }])).toBe('name');
  });

  it('leaves payloads of types without personal fields as they are', () => {
    const payload = { reason: 'x' };
    expect(protect('state.changed', payload, {})).toEqual({ stored: payload, values: [] });
  });
});
