import type { retentionWords as en } from '../en/retention.js';

/** Conservation : la liste de ce qui est à purger au bureau, et ce qui est dit aux administrateurs quand le worker purge. */
export const retentionWords: Record<keyof typeof en, string> = {
  'retention.purged.subject': 'Calumet : {count, plural, one {# incident purgé} other {# incidents purgés}} selon les règles de conservation',
  'retention.purged.text': 'Le worker a purgé {count, plural, one {# incident arrivé} other {# incidents arrivés}} au terme de leur conservation (RETENTION_AUTO) : {refs}. Chaque suppression est consignée avec le dernier événement de sa chronologie, et scellée.',
  'field.incidentIds': 'incidents',
  'retention.title': 'Conservation',
  'retention.rules': 'Règles en vigueur',
  'retention.rule': 'Incidents {state, select, closed {clos} resolved {résolus} other {{state}}} : purgés {period} après',
  'retention.noRules': 'Aucune règle de conservation n’est en vigueur : rien n’est jamais à purger.',
  'retention.auto': 'Le worker purge de lui-même ce qui arrive à terme (RETENTION_AUTO).',
  'retention.manual': 'Rien n’est purgé tant qu’un administrateur ne le purge pas depuis cette liste.',
  'retention.due': 'À purger',
  'retention.noneDue': 'Rien n’est à purger.',
  'retention.heldBack': 'Retenus',
  'retention.why': '{state, select, closed {clos} resolved {résolu} other {{state}}} le {since} ; à purger depuis le {dueAt} ({period})',
  'retention.reason.legalHold': 'Sous conservation légale : {detail}',
  'retention.reason.openItems': 'En cours : {detail}',
  'retention.purge': 'Purger les incidents cochés',
  'retention.confirm': 'Purger supprime définitivement chaque incident coché : ses messages, mises en demeure, engagements, rappels, preuves et sa chronologie. Seule reste la trace scellée de la suppression.',
  'retention.more': 'D’autres incidents sont à purger : purgez ceux-ci, puis revenez.',
  'retention.outcome.purged': '{ref} purgé (trace n° {seq} des suppressions)',
  'retention.outcome.refused': '{ref} non purgé : {detail}',
  'retention.sealed': 'Scellé : {root}',
};
