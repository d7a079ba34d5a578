import type { deadlines as english } from '../en/deadlines.js';

/** Fondements des délais et avertissements de validité, dits à partir de leurs faits (src/deadlines/deadline-words.ts). */
export const deadlines: Record<keyof typeof english, string> = {
  'deadline.basis.rule':
    '{type} ({jurisdiction}) : {period} à compter {clock, select, receivedAt {de la réception} acknowledgedAt {de l’accusé de réception} other {de l’envoi}}{noStated, select, true {, la notification n’indiquant aucun délai} other {}} ({reference})',
  'deadline.basis.stated': '{type} ({jurisdiction}) : le délai qu’indique la notification ({reference})',
  'deadline.basis.manual': 'fixé à la main : {reason}',
  'deadline.jurisdiction.anywhere': 'toute juridiction',
  'deadline.jurisdiction.eu': 'UE',
  'deadline.businessDays': '{days, plural, one {# jour ouvré} other {# jours ouvrés}}',
  'deadline.warning.clock_start_unknown':
    'Pas encore de délai : la règle compte {period} à compter {clock, select, receivedAt {de la réception} acknowledgedAt {de l’accusé de réception} other {de l’envoi}}, date encore inconnue.',
  'deadline.warning.publication_date_unknown': 'La date de publication du contenu est inconnue : la limite de {age} pour la demande n’a pas pu être vérifiée.',
  'deadline.warning.request_out_of_time':
    'La demande est arrivée le {requestedOn}, plus de {age} après la publication du contenu le {publishedOn} (limite : {limit}) : elle est peut-être hors délai ({reference}).',
  'deadline.warning.receipt_not_proven':
    'La demande est arrivée par {via}, ce qui ne prouve ni sa réception ni l’identité du demandeur : elle devrait arriver par {proving} ou par un autre moyen prouvant les deux ({reference}).',
  'deadline.warning.requested_reply_missing': 'Aucun texte de réponse n’est enregistré : la demande doit indiquer la réponse qu’elle demande ({reference}).',
  'deadline.warning.comments_open':
    '{basis, select, comment_status {Les commentaires du contenu sont ouverts, le demandeur pouvait donc y répondre lui-même} others_commented {D’autres ont commenté le contenu, le demandeur pouvait donc y répondre lui-même} other {La demande est arrivée en commentaire, où le demandeur pouvait répondre lui-même}} : la procédure ne s’applique pas là où les commentaires lui sont ouverts ({reference}).',
  'deadline.warning.reply_too_long':
    'La réponse ({replyCharacters, plural, one {# caractère} other {# caractères}}, {replyLines, plural, one {# ligne} other {# lignes}}) est plus longue que le message auquel elle répond ({originalCharacters, plural, one {# caractère} other {# caractères}}, {originalLines, plural, one {# ligne} other {# lignes}}) : elle ne peut pas l’être ({reference}).',
  'deadline.warning.reply_over_200_lines':
    'La réponse compte {replyLines, plural, one {# ligne} other {# lignes}} (à {width} caractères la ligne), au-delà des {maxLines} lignes qu’une réponse peut avoir ({reference}).',
};
