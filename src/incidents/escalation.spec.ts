import { ConflictException, ForbiddenException } from '@nestjs/common';
import { escalation, escalationPath, INCIDENT_STATES, type IncidentState } from './escalation.js';

const ALLOWED: Record<IncidentState, IncidentState[]> = {
  reported: ['monitoring', 'heated', 'legal_threat', 'resolved'],
  monitoring: ['heated', 'legal_threat', 'resolved'],
  heated: ['legal_threat', 'de_escalating', 'resolved', 'monitoring'],
  legal_threat: ['formal_dispute', 'de_escalating', 'resolved'],
  formal_dispute: ['de_escalating', 'resolved'],
  de_escalating: ['heated', 'legal_threat', 'resolved'],
  resolved: ['closed', 'heated', 'legal_threat'],
  closed: ['monitoring'],
};

const open = { resolution: 'agreed', closeBlockers: [] };

describe('escalation workflow', () => {
  const pairs = INCIDENT_STATES.flatMap((from) => INCIDENT_STATES.map((to) => [from, to] as const));

  it.each(pairs.filter(([from, to]) => ALLOWED[from].includes(to)))('allows %s -> %s', (from, to) => {
    expect(() => escalation.assertMove(from, to, open, 'admin')).not.toThrow();
  });

  it.each(pairs.filter(([from, to]) => !ALLOWED[from].includes(to)))('refuses %s -> %s with 409 naming the allowed moves', (from, to) => {
    expect(() => escalation.assertMove(from, to, open, 'admin')).toThrow(ConflictException);
    expect(() => escalation.assertMove(from, to, open, 'admin')).toThrow(`allowed from ${from}: ${ALLOWED[from].join(', ')}`);
  });

  it('refuses to resolve without a resolution', () => {
    expect(() => escalation.assertMove('heated', 'resolved', { resolution: ' ', closeBlockers: [] })).toThrow(/needs a resolution/);
    expect(() => escalation.assertMove('heated', 'resolved', { closeBlockers: [] })).toThrow(/needs a resolution/);
  });

  it('refuses to close while something stands open, and says what', () => {
    expect(() => escalation.assertMove('resolved', 'closed', { closeBlockers: [{ key: 'openLegalNotices', count: 1, text: '1 legal notice is open' }] })).toThrow(
      'cannot close while 1 legal notice is open',
    );
  });

  it('lets only admin and legal reopen a closed incident', () => {
    expect(() => escalation.assertMove('closed', 'monitoring', open, 'community_manager')).toThrow(ForbiddenException);
    expect(() => escalation.assertMove('closed', 'monitoring', open, 'legal')).not.toThrow();
    expect(() => escalation.assertMove('closed', 'monitoring', open, 'admin')).not.toThrow();
  });
});

describe(escalationPath.name, () => {
  it.each([
    ['reported', 'legal_threat', ['legal_threat']],
    ['heated', 'legal_threat', ['legal_threat']],
    ['de_escalating', 'legal_threat', ['legal_threat']],
    ['resolved', 'legal_threat', ['legal_threat']],
    ['reported', 'formal_dispute', ['legal_threat', 'formal_dispute']],
    ['de_escalating', 'formal_dispute', ['legal_threat', 'formal_dispute']],
    ['legal_threat', 'formal_dispute', ['formal_dispute']],
    ['legal_threat', 'legal_threat', []],
    ['formal_dispute', 'legal_threat', []],
  ] as const)('raises %s to %s by %j', (from, target, path) => {
    expect(escalationPath(from, target)).toEqual(path);
  });

  it('finds no path out of a closed incident: a person must reopen it', () => {
    expect(escalationPath('closed', 'legal_threat')).toBeNull();
  });

  it('only ever takes moves the table allows', () => {
    for (const from of INCIDENT_STATES) {
      for (const target of ['legal_threat', 'formal_dispute'] as const) {
        const path = escalationPath(from, target) ?? [];
        path.reduce<IncidentState>((state, next) => {
          expect(escalation.canMove(state, next)).toBe(true);
          return next;
        }, from);
      }
    }
  });
});
