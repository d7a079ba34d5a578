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
  'deadline.seededNote.right_of_reply':
    'L’éditeur insère la réponse dans les 3 jours suivant la réception de la demande. La demande doit lui parvenir dans les 3 mois suivant la publication du message.',
  'deadline.seededNote.data_protection_request':
    'Répondre dans les meilleurs délais et au plus tard dans un délai d’un mois à compter de la réception, jusqu’au même quantième du mois suivant ou au dernier jour de ce mois (règlement 1182/71, art. 3). Prolongeable de deux mois si nécessaire, en informant la personne dans le premier mois.',
  'deadline.seededNote.formal_notice': 'Si le courrier fixe une date, la saisir comme délai fixé par le courrier : elle remplace ces 8 jours.',
  'deadline.seededNote.press_prescription':
    'L’action en diffamation ou en injure se prescrit par trois mois à compter de la publication (le jour de la publication non compté, de date à date, sans report à un jour ouvré). Seuls les actes de poursuite ou de procédure l’interrompent : une mise en demeure ne l’interrompt pas.',
  'deadline.seededNote.press_prescription_65_3':
    'Un an pour la provocation à la discrimination, à la haine ou à la violence, et pour la diffamation ou l’injure, à raison de l’origine, de l’ethnie, de la nation, de la race, de la religion, du sexe, de l’orientation sexuelle ou de l’identité de genre, ou du handicap, ainsi que pour la contestation de crimes contre l’humanité (art. 24 bis). Une mise en demeure ne l’interrompt pas.',
};
