import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { EntityManager } from 'typeorm';
import { Hooks, inPriorityOrder, methodHook } from '../common/hooks.js';
import { INCIDENT_STATES, type IncidentState } from './escalation.js';
import type { Incident } from './incident.entity.js';

export const SUGGESTION_TYPES = ['state', 'legal_notice', 'commitment', 'same_party', 'prescription'] as const;
export type SuggestionType = (typeof SUGGESTION_TYPES)[number];

export const SUGGESTION_STATUSES = ['open', 'done'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/** Words of a comment a suggestion rests on. */
export class SuggestionPassage {
  @ApiProperty({ format: 'uuid' }) commentId: string;
  @ApiProperty({ description: 'The words, exactly as written: the comment body sliced from start to end' }) phrase: string;
  @ApiProperty() start: number;
  @ApiProperty() end: number;
  @ApiPropertyOptional({ description: 'The rule that read them' }) rule?: string;
}

/** The move, notice or commitment recorded by hand that did what a suggestion proposed. */
export class SuggestionFulfilment {
  @ApiProperty({ example: 'state.changed', description: 'The timeline event that recorded it' }) event: string;
  @ApiProperty({ description: 'Its seq in the incident’s timeline' }) seq: number;
  @ApiProperty({ enum: ['incident', 'legal_notice', 'commitment', 'prescription'] }) type: string;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The state moved to, the notice type, the commitment kind or the press offence recorded' }) what: string;
  @ApiProperty({ description: 'Who recorded it: a user id, or system' }) actor: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

/** Something the desk could record, prompted by a comment; never applied by itself. */
export class SuggestionView {
  @ApiProperty({ description: 'Stable: derived from what is suggested and the comment prompting it' }) key: string;
  @ApiProperty({ enum: SUGGESTION_TYPES }) type: SuggestionType;
  @ApiProperty({ enum: SUGGESTION_STATUSES, description: 'open: to accept or dismiss; done: what it proposed was recorded by hand (fulfilledBy)' }) status: SuggestionStatus;
  @ApiProperty({ format: 'uuid', description: 'The comment that prompts it (its first passage’s)' }) commentId: string;
  @ApiProperty({ description: 'The words that prompt it (its first passage)' }) phrase: string;
  @ApiProperty({ type: [SuggestionPassage], description: 'Every passage it rests on, in the order of the thread' }) passages: SuggestionPassage[];
  @ApiPropertyOptional({ enum: INCIDENT_STATES, description: 'For type state: the state to move to' }) state?: IncidentState;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'For legal_notice and commitment: the record to create, prefilled, as POST /api/incidents/:id/legal-notices or /commitments take it; for same_party: {keepPartyId, mergePartyId, keepName, mergeName}, the merge accepting makes',
  })
  draft?: Record<string, unknown>;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
    description: 'For a legal notice: the warnings its deadline rule gives the draft as it stands (a right of reply asked in the comments, out of time…)',
  })
  /** A drafted notice's validity warnings: the English sentence, and what it names (said in each reader's language). */
  warnings?: Array<{ code: string; message: string; values?: Record<string, unknown> }>;
  @ApiPropertyOptional({ type: SuggestionFulfilment, description: 'For a done suggestion: what did it' }) fulfilledBy?: SuggestionFulfilment;
}

type ListSuggestions = (manager: EntityManager, incident: Incident) => Promise<SuggestionView[]>;

export interface SuggestionsProviderHook {
  /** Where its suggestions come in the list: lower first, 0 by default. Two providers with one priority fail the boot. */
  priority?: number;
}

/** Marks a provider's method as a source of an incident's suggestions; the registry finds it at boot. */
export const SuggestionsProvider = methodHook<SuggestionsProviderHook, ListSuggestions>();

/**
 * Where the suggestions an incident shows come from. The incident owns the
 * registry; the feature that reads comments (suggestions) marks its list with
 * @SuggestionsProvider, so incidents need not depend on it.
 */
@Injectable()
export class SuggestionsRegistry implements OnModuleInit {
  private providers: ListSuggestions[] = [];

  constructor(private readonly hooks: Hooks) {}

  onModuleInit(): void {
    const found = this.hooks.found(SuggestionsProvider);
    this.providers = inPriorityOrder('suggestions providers', found).map(({ call }) => (manager, incident) => call(manager, incident) as Promise<SuggestionView[]>);
  }

  async list(manager: EntityManager, incident: Incident): Promise<SuggestionView[]> {
    const lists = [];
    for (const provider of this.providers) lists.push(await provider(manager, incident));
    return lists.flat();
  }
}
