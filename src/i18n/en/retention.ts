/** Retention: the due list at the desk, and what admins are told when the worker purges. */
export const retentionWords = {
  'retention.purged.subject': 'Calumet: {count, plural, one {# incident purged} other {# incidents purged}} under the retention rules',
  'retention.purged.text': 'The worker purged {count, plural, one {# incident} other {# incidents}} due under the retention rules (RETENTION_AUTO): {refs}. Each removal is recorded with the last event of its timeline, and sealed.',
  'field.incidentIds': 'incidents',
} as const;
