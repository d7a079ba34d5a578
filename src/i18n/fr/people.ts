import type { people as en } from '../en/people.js';

/** Ce qui est à chacun, en français : notifications, compte, invitations envoyées par e-mail. */
export const people: Record<keyof typeof en, string> = {
  'nav.account': 'Mon compte',

  'notifications.title': 'Notifications',
  'notifications.bell': '{count, plural, =0 {Notifications : aucune non lue} one {Notifications : # non lue} other {Notifications : # non lues}}',
  'notifications.intro': 'Les rappels que Calumet vous a envoyés, du plus récent au plus ancien.',
  'notifications.unread': '{count, plural, =0 {Rien de non lu.} one {# non lue.} other {# non lues.}}',
  'notifications.markAll': 'Tout marquer comme lu',
  'notifications.markRead': 'Marquer comme lue',
  'notifications.read': 'lue',
  'notifications.empty': 'Aucune notification pour l’instant.',
  'notifications.due': 'échéance {when}',
  'notifications.received': 'reçue le {when}',

  'account.title': 'Mon compte',
  'account.profile': 'Profil',
  'account.name': 'Nom',
  'account.email': 'E-mail',
  'account.role': 'Rôle',
  'account.saveName': 'Enregistrer mon nom',
  'account.saved': 'Enregistré.',
  'account.language': 'Langue',
  'account.languageIntro': 'Le bureau vous parle dans cette langue sur tous vos appareils, et vos e-mails d’invitation et de rappel la suivent.',
  'account.saveLanguage': 'Enregistrer la langue',
  'account.token': 'Jeton d’API',
  'account.tokenIntro': 'Les scripts l’envoient dans l’en-tête Authorization: Bearer, suivi du jeton. Il n’est montré qu’une fois, à sa création ; seule son empreinte est gardée.',
  'account.tokenIssued': 'Vous avez un jeton d’API, créé le {when}.',
  'account.tokenNone': 'Vous n’avez pas encore de jeton d’API (aucun ne vous a été montré).',
  'account.tokenRenew': 'Renouveler mon jeton d’API',
  'account.tokenMake': 'Créer mon jeton d’API',
  'account.tokenRenewHint': 'L’ancien jeton cesse aussitôt de fonctionner.',
  'account.tokenNew': 'Votre nouveau jeton d’API, montré cette seule fois : copiez-le maintenant.',

  'admin.locale': 'Langue de l’invitation',
  'admin.inviteEmailed': 'L’invitation a été envoyée par e-mail à {email}, en {language}.',
  'admin.inviteNotEmailed': 'L’invitation n’a pas pu être envoyée par e-mail ({error}) : envoyez le lien vous-même.',
  'admin.noMail': 'Aucun serveur d’e-mail n’est configuré (SMTP_URL) : les invitations ne sont pas envoyées par e-mail ; leur lien s’affiche ici pour que vous l’envoyiez.',
  'admin.mailOn': 'Les invitations sont envoyées par e-mail à la personne, dans la langue choisie ; le lien s’affiche aussi ici.',

  'mail.invite.subject': 'Votre invitation à Calumet',
  'mail.invite.text': 'Bonjour {name},\n\n{admin} vous invite sur Calumet, le bureau des incidents, avec le rôle « {role} ».\n\nChoisissez votre mot de passe avec ce lien (il ne sert qu’une fois, jusqu’au {when}) :\n{url}\n\nConnectez-vous ensuite avec votre adresse e-mail, {email}.',
};
