import { ConflictException, ForbiddenException } from '@nestjs/common';
import { problem, problemsOf } from './problem.js';
import { Workflow } from './workflow.js';

type Light = 'red' | 'green' | 'amber';

describe(Workflow.name, () => {
  const sut = new Workflow<Light, { broken: boolean }>('light', {
    red: [{ to: 'green', guard: (ctx) => (ctx.broken ? problem('http.status', 'the light is broken', { values: { status: 409 } }) : null) }],
    green: [{ to: 'amber' }],
    amber: [{ to: 'red', roles: ['admin'] }],
  }, 'light');

  const refusal = (work: () => void) => {
    try {
      work();
    } catch (error) {
      return problemsOf(error);
    }
    throw new Error('not refused');
  };

  it('lists the moves allowed from a state', () => {
    expect(sut.allowedFrom('red')).toEqual(['green']);
    expect(sut.canMove('green', 'red')).toBe(false);
  });

  it('refuses an illegal move with 409 naming the allowed moves', () => {
    expect(() => sut.assertMove('green', 'red', { broken: false })).toThrow(ConflictException);
    expect(() => sut.assertMove('green', 'red', { broken: false })).toThrow(/allowed from green: amber/);
  });

  it('names the states of a refused move as values, with the group of words that says them', () => {
    expect(refusal(() => sut.assertMove('green', 'red', { broken: false }))).toEqual([
      expect.objectContaining({ code: 'workflow.illegalMove', values: { workflow: 'light', from: 'green', to: 'red', allowed: ['amber'], count: 1 }, words: expect.objectContaining({ from: 'light', allowed: 'light' }) }),
    ]);
    expect(refusal(() => sut.assertMove('amber', 'red', { broken: false }, 'viewer'))).toEqual([expect.objectContaining({ code: 'workflow.roleReserved', values: expect.objectContaining({ roles: ['admin'] }) })]);
  });

  it('refuses a move whose guard objects, with the guard message', () => {
    expect(() => sut.assertMove('red', 'green', { broken: true })).toThrow('the light is broken');
    expect(() => sut.assertMove('red', 'green', { broken: false })).not.toThrow();
  });

  it('refuses a role-restricted move to other roles with 403', () => {
    expect(() => sut.assertMove('amber', 'red', { broken: false }, 'viewer')).toThrow(ForbiddenException);
    expect(() => sut.assertMove('amber', 'red', { broken: false }, 'admin')).not.toThrow();
  });
});
