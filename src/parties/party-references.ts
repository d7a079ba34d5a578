/**
 * Every column that names a party, with the incident its row belongs to:
 * a merge moves them all (a medium test checks the list against the
 * database's foreign keys to parties).
 */
export const PARTY_REFERENCES: ReadonlyArray<{ table: string; column: string; incident: string }> = [
  { table: 'comments', column: 'party_id', incident: 'incident_id' },
  { table: 'incidents', column: 'counterpart_id', incident: 'id' },
  { table: 'legal_notices', column: 'sender_party_id', incident: 'incident_id' },
  { table: 'legal_notices', column: 'on_behalf_of_party_id', incident: 'incident_id' },
  { table: 'legal_notices', column: 'counsel_party_id', incident: 'incident_id' },
  { table: 'commitments', column: 'promised_to_party_id', incident: 'incident_id' },
];
