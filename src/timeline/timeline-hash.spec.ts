import { eventHash, findChainBreak, GENESIS_HASH, type HashedFields } from './timeline-hash.js';

function chain(length: number) {
  const events: Array<HashedFields & { hash: string }> = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq++) {
    const fields = { id: `e${seq}`, incidentId: 'i1', seq, at: new Date(Date.UTC(2026, 0, seq)), actor: 'system', type: 'comment.added', payload: { n: seq }, prevHash };
    const hash = eventHash(fields);
    events.push({ ...fields, hash });
    prevHash = hash;
  }
  return events;
}

describe('timeline hash chain', () => {
  it('accepts an untouched chain', () => {
    expect(findChainBreak(chain(5))).toBeNull();
  });

  it('does not depend on the key order of the payload', () => {
    const [event] = chain(1);
    expect(eventHash({ ...event!, payload: { b: 2, a: 1 } })).toBe(eventHash({ ...event!, payload: { a: 1, b: 2 } }));
  });

  it('names the first event whose content was changed', () => {
    const events = chain(5);
    events[2] = { ...events[2]!, payload: { n: 99 } };
    expect(findChainBreak(events)).toEqual({ seq: 3, eventId: 'e3', reason: 'hash does not match the content' });
  });

  it('names the event after a deleted one', () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(findChainBreak(events)).toMatchObject({ seq: 3, reason: 'expected seq 2, found 3' });
  });

  it('detects a rewritten event whose hash was recomputed, at the next link', () => {
    const events = chain(4);
    const forged = { ...events[1]!, actor: 'mallory' };
    events[1] = { ...forged, hash: eventHash(forged) };
    expect(findChainBreak(events)).toMatchObject({ seq: 3, reason: 'prevHash does not match the previous event' });
  });

  it('detects a changed timestamp', () => {
    const events = chain(3);
    events[0] = { ...events[0]!, at: new Date(Date.UTC(2025, 0, 1)) };
    expect(findChainBreak(events)).toMatchObject({ seq: 1 });
  });
});
