import { ConflictException, ForbiddenException } from '@nestjs/common';

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
  /** Returns a refusal message, or null when the move may go ahead. */
  guard?: (context: TContext) => string | null;
}

export type TransitionTable<TState extends string, TContext> = Record<TState, readonly Move<TState, TContext>[]>;

export class Workflow<TState extends string, TContext = void> {
  constructor(
    readonly name: string,
    private readonly table: TransitionTable<TState, TContext>,
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
    if (!move) {
      const allowed = this.allowedFrom(from);
      throw new ConflictException(
        `${this.name} cannot move from ${from} to ${to}; allowed from ${from}: ${allowed.length ? allowed.join(', ') : 'none'}`,
      );
    }
    if (move.roles && (!role || !move.roles.includes(role))) {
      throw new ForbiddenException(`${this.name} move from ${from} to ${to} is reserved to ${move.roles.join(' or ')}`);
    }
    const refusal = move.guard?.(context);
    if (refusal) throw new ConflictException(refusal);
  }
}
