import { definePersonalFields } from '../timeline/personal-values.js';
import { defineTimelineEvents } from '../timeline/timeline-events.js';

declare module '../timeline/timeline-events.js' {
  interface TimelineEvents {
    /** Two parties were one person: the merged one's messages, notices and commitments now name the kept one. */
    'party.merged': { keptPartyId: string; mergedPartyId: string; keptName: string; mergedName: string };
    /** An import met an author who may be a party already known (`likeness`): one click merges them. */
    /**
     * The party's personal data was erased (an art. 17 request): `messages` of theirs in this incident lost their words,
     * `values` personal values left the timelines (all incidents), `retained` events of this incident were hashed over
     * their data before values were kept apart and still hold it (docs/legal.md, "Erasure").
     */
    'party.erased': { partyId: string; erasureId: string; messages: number; values: number; retained: number };
    'party.same_proposed': { partyId: string; candidateId: string; partyName: string; candidateName: string; likeness: 'same' | 'partial'; commentId: string };
  }
}

export const PARTY_EVENTS = defineTimelineEvents(['party.merged', 'party.same_proposed', 'party.erased']);

// The merged party is the kept one now: both names are the kept party's.
definePersonalFields('party.merged', { keptName: ({ keptPartyId }) => keptPartyId, mergedName: ({ keptPartyId }) => keptPartyId });
definePersonalFields('party.same_proposed', { partyName: ({ partyId }) => partyId, candidateName: ({ candidateId }) => candidateId });
