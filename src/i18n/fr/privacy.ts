import type { privacyWords as en } from '../en/privacy.js';

/** Les personnes du dossier : l’export d’une demande d’accès et les refus d’un effacement (docs/legal.md, « Access and erasure »). */
export const privacyWords: Record<keyof typeof en, string> = {
  'problem.party.erasureOnHold': 'La partie ne peut pas être effacée : {refs} sous conservation légale ({reasons}).',
  'problem.party.erasureOpenNotice': 'La partie ne peut pas être effacée : la notification {refs} est ouverte et a besoin de ses données ; clôturez-la ou retirez-la d’abord.',
  'problem.party.alreadyErased': 'La partie a déjà été effacée le {at}.',
  'privacy.title': 'Ce que Calumet détient sur {name}',
  'privacy.generatedAt': 'Établi le {at}',
  'privacy.party': 'La partie',
  'privacy.incidents': 'Incidents où elle apparaît',
  'privacy.messages': 'Ses messages',
  'privacy.revisions': 'Versions antérieures',
  'privacy.notices': 'Notifications juridiques qui la nomment',
  'privacy.commitments': 'Engagements pris envers elle',
  'privacy.timeline': 'Ses données dans les historiques',
  'privacy.erasures': 'Effacements',
  'privacy.none': 'Aucun.',
  'privacy.erased': 'Effacée le {at}',
  'privacy.event': 'événement {seq}',
  'privacy.as.author': 'autrice ou auteur de messages',
  'privacy.as.counterpart': 'la partie adverse',
  'privacy.as.sender': 'expéditeur',
  'privacy.as.onBehalfOf': 'pour le compte de qui',
  'privacy.as.counsel': 'conseil',
  'privacy.as.promisedTo': 'destinataire d’un engagement',
  'privacy.as.theirMessage': 'à propos de l’un de ses messages',
};
