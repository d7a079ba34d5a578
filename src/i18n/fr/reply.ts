import type { replyDesk as english } from '../en/reply.js';

/** Le droit de réponse : l’engagement de la publier, et les refus de ses vérifications (docs/legal.md). */
export const replyDesk: Record<keyof typeof english, string> = {
  'field.commentsOpen': 'Commentaires ouverts',
  'field.replyNoLongerThanOriginal': 'Pas plus longue que le message visé',
  'field.maxReplyLines': 'Nombre maximal de lignes d’une réponse',
  'field.replyLengthReference': 'Référence des vérifications de longueur',
  'reply.said': 'réponse à publier : « {text} »',
  'reply.textLabel': 'La mention à retirer, ou la réponse à publier',
  'reply.textHint': 'une mention : le texte qui ne doit plus apparaître (500 caractères au plus) ; une réponse : son texte entier, tel qu’il doit apparaître sur la page',
  'print.reply': '(réponse à publier : {text})',
  'reply.commitmentDescription': 'Publier en entier la réponse demandée dans {ref}, sous le contenu auquel elle répond (droit de réponse)',
  'problem.commitment.dueBeforeNow': '{field} est déjà passé, alors que cette promesse est enregistrée comme faite maintenant\u202f: si elle a été faite plus tôt, remplissez {other}.',
  'problem.commitment.replyRequired': '{field} est obligatoire pour publier une réponse : la réponse à chercher sur la page.',
  'problem.commitment.mentionTooLong': '{field} compte au plus {max} caractères pour retirer une mention.',
  'problem.notice.replyPageUnknown':
    'On ne sait pas où publier la réponse de {ref} : reliez la notification au commentaire qu’elle vise, ou ne gardez qu’un article sur l’incident, puis réessayez.',
};
