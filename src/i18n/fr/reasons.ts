import type { reasons as english } from '../en/reasons.js';

/** Les motifs que Calumet écrit lui-même dans la chronologie. */
export const reasons: Record<keyof typeof english, string> = {
  'reason.opened': 'ouvert',
  'reason.noticeReceived': 'notification juridique {ref} ({type}) reçue',
  'reason.answered': 'réponse faite par un message sortant',
  'reason.noReplyNeeded': 'aucune réponse n’est plus attendue',
  'reason.commentDeleted': 'le message a été supprimé',
  'reason.incidentMoved': 'l’incident est à l’état {state}',
  'reason.recipientInactive': 'la personne n’est plus active',
  'reason.commitment': 'l’engagement a été {what, select, reopened {rouvert} done {tenu} verified {vérifié} other {annulé}}',
  'reason.commitmentDue': 'l’échéance de l’engagement a changé',
  'reason.pageShows': 'la page est en {indexing}',
  'reason.recomputed': 'recalculé après une modification de {fields}',
  'reason.deadlineChanged': 'le délai a changé : {reason}',
  'reason.noticeMoved': 'la notification est à l’état {status}',
  'reason.reassigned': 'la notification a été confiée à quelqu’un d’autre',
  'reason.signal': 'Signal dans un commentaire : « {phrase} »',
  'reason.pageGone': 'la page répond {status} : elle a disparu',
  'reason.pageInconclusive': 'la page répond {status}, ce qui ne montre ni ne dément l’engagement',
  'reason.noNoindex': 'aucune directive noindex dans les balises meta robots ou googlebot, ni dans X-Robots-Tag',
  'reason.pageStillThere': 'la page répond toujours {status}',
  'reason.pageStillMentions': 'la page mentionne toujours « {mention} »',
};
