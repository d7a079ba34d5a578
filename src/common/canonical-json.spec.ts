import { canonicalJson } from './canonical-json.js';

describe(canonicalJson.name, () => {
  it('sorts keys at every depth so key order never changes the bytes', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('drops undefined members and writes dates as ISO strings', () => {
    expect(canonicalJson({ a: undefined, at: new Date('2026-01-31T10:00:00Z') })).toBe('{"at":"2026-01-31T10:00:00.000Z"}');
  });
});
