import { applyChanges } from './changes.js';

describe(applyChanges.name, () => {
  it('applies and reports only the fields that differ', () => {
    const target = { title: 'a', severity: 'low', tags: ['x'], at: new Date('2026-01-01T00:00:00Z'), note: null as string | null };
    const changes = applyChanges(target, { title: 'a', severity: 'high', tags: ['x'], at: new Date('2026-01-02T00:00:00Z'), note: undefined });
    expect(changes).toEqual({ severity: { from: 'low', to: 'high' }, at: { from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' } });
    expect(target.severity).toBe('high');
  });

  it('reports clearing a field to null', () => {
    const target = { note: 'n' as string | null };
    expect(applyChanges(target, { note: null })).toEqual({ note: { from: 'n', to: null } });
    expect(target.note).toBeNull();
  });
});
