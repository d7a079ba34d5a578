import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { EntityManager } from 'typeorm';
import { INCIDENT_STATES, type IncidentState } from './escalation.js';
import type { Incident } from './incident.entity.js';

export const SUGGESTION_TYPES = ['state', 'legal_notice', 'commitment'] as const;
export type SuggestionType = (typeof SUGGESTION_TYPES)[number];

/** Something the desk could record, prompted by a comment; never applied by itself. */
export class SuggestionView {
  @ApiProperty({ description: 'Stable: derived from what is suggested and the comment prompting it' }) key: string;
  @ApiProperty({ enum: SUGGESTION_TYPES }) type: SuggestionType;
  @ApiProperty({ format: 'uuid', description: 'The comment that prompts it' }) commentId: string;
  @ApiProperty({ description: 'The words of the comment that prompt it' }) phrase: string;
  @ApiPropertyOptional({ enum: INCIDENT_STATES, description: 'For type state: the state to move to' }) state?: IncidentState;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'For legal_notice and commitment: the record to create, prefilled, as POST /api/incidents/:id/legal-notices or /commitments take it',
  })
  draft?: Record<string, unknown>;
}

export interface SuggestionsProvider {
  list(manager: EntityManager, incident: Incident): Promise<SuggestionView[]>;
}

/**
 * Where the suggestions an incident shows come from. The incident owns the
 * registry; the feature that reads comments (signals) registers itself at
 * module init, so incidents need not depend on it.
 */
@Injectable()
export class SuggestionsRegistry {
  private readonly providers: SuggestionsProvider[] = [];

  register(provider: SuggestionsProvider): void {
    this.providers.push(provider);
  }

  async list(manager: EntityManager, incident: Incident): Promise<SuggestionView[]> {
    const lists = [];
    for (const provider of this.providers) lists.push(await provider.list(manager, incident));
    return lists.flat();
  }
}
