import { HttpStatus } from '@nestjs/common';
import { problem, problemException, type Problem } from './problem.js';

/**
 * A state machine declared as data: for each state, the moves allowed from it,
 * each with optional guards. Every workflow of Calumet (incident escalation,
 * legal notice status, commitment status) is one such table read by this one
 * function, so the API, the worker and the web pages enforce the same rules.
 */
export interface Move<TState extends string, TContext> {
  to: TState;
  /** Roles allowed to make this move; any writer when absent. */
  roles?: readonly string[];
  /** Returns why the move is refused, or null when it may go ahead. */
  guard?: (context: TContext) => Problem | null;
}

export type TransitionTable<TState extends string, TContext> = Record<TState, readonly Move<TState, TContext>[]>;

export class Workflow<TState extends string, TContext = void> {
  /**
   * `name` says the workflow in English messages ('legal notice');
   * `words` is the group of the catalogues' words for its states
   * (`noticeStatus`), for the reader's language.
   */
  constructor(
    readonly name: string,
    private readonly table: TransitionTable<TState, TContext>,
    private readonly words: string,
  ) {}

  get states(): TState[] {
    return Object.keys(this.table) as TState[];
  }

  moves(from: TState): readonly Move<TState, TContext>[] {
    return this.table[from];
  }

  allowedFrom(from: TState): TState[] {
    return this.table[from].map((move) => move.to);
  }

  canMove(from: TState, to: TState): boolean {
    return this.table[from].some((move) => move.to === to);
  }

  /** Throws 409 for an illegal move or a failed guard, 403 for a role not allowed to make it. */
  assertMove(from: TState, to: TState, context: TContext, role?: string): void {
    const move = this.table[from].find((candidate) => candidate.to === to);
    const words = { from: this.words, to: this.words, allowed: this.words, roles: 'role' };
    const workflow = this.name.replace(/ /g, '_');
    if (!move) {
      const allowed = this.allowedFrom(from);
      const message = `${this.name} cannot move from ${from} to ${to}; allowed from ${from}: ${allowed.length ? allowed.join(', ') : 'none'}`;
      throw problemException(HttpStatus.CONFLICT, [problem('workflow.illegalMove', message, { values: { workflow, from, to, allowed, count: allowed.length }, words })]);
    }
    if (move.roles && (!role || !move.roles.includes(role))) {
      const message = `${this.name} move from ${from} to ${to} is reserved to ${move.roles.join(' or ')}`;
      throw problemException(HttpStatus.FORBIDDEN, [problem('workflow.roleReserved', message, { values: { workflow, from, to, roles: [...move.roles] }, words })]);
    }
    const refusal = move.guard?.(context);
    if (refusal) throw problemException(HttpStatus.CONFLICT, [refusal]);
  }
}
