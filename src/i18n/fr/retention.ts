import type { retentionWords as en } from '../en/retention.js';

/** Conservation : la liste de ce qui est à purger au bureau, et ce qui est dit aux administrateurs quand le worker purge. */
export const retentionWords: Record<keyof typeof en, string> = {
  'retention.purged.subject': 'Calumet : {count, plural, one {# incident purgé} other {# incidents purgés}} selon les règles de conservation',
  'retention.purged.text': 'Le worker a purgé {count, plural, one {# incident arrivé} other {# incidents arrivés}} au terme de leur conservation (RETENTION_AUTO) : {refs}. Chaque suppression est consignée avec le dernier événement de sa chronologie, et scellée.',
  'field.incidentIds': 'incidents',
};
