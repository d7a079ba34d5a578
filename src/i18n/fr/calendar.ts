import type { calendarWords as en } from '../en/calendar.js';

/** Le flux d’agenda personnel (les mots de ses événements, la section du compte) et les téléchargements CSV du bureau. */
export const calendarWords: Record<keyof typeof en, string> = {
  'calendar.name': 'Calumet : {name}',
  'calendar.deadline': 'Délai légal : {ref}, {type}',
  'calendar.commitment': 'Engagement à tenir : {description}',
  'calendar.prescription': 'Prescription (loi de 1881) : {ref}, {offence}',
  'calendar.followUp': 'Relance : {note}',
  'calendar.followUpBare': 'Relance',
  'calendar.incident': 'Incident {ref} : {title}',
  'calendar.open': 'Sur le bureau : {url}',
  'account.calendar': 'Agenda',
  'account.calendarIntro': 'Vos délais légaux, les prescriptions (loi de 1881) de vos incidents, les engagements que vous devez tenir et vos relances, dans votre propre agenda (Outlook, Google Agenda, Thunderbird…) : abonnez-vous à votre adresse privée. Quiconque détient l’adresse peut lire ces éléments sans se connecter ; gardez-la pour vous, et renouvelez-la si elle a fuité. Elle n’est montrée qu’une fois, à sa création ; seule son empreinte est gardée.',
  'account.calendarNew': 'L’adresse de votre agenda, montrée cette seule fois : copiez-la maintenant dans votre application d’agenda.',
  'account.calendarOn': 'L’adresse de votre agenda a été créée le {when}.',
  'account.calendarNone': 'Vous n’avez pas d’adresse d’agenda.',
  'account.calendarMake': 'Créer l’adresse de mon agenda',
  'account.calendarRenew': 'Renouveler l’adresse',
  'account.calendarRenewHint': 'L’ancienne adresse cesse aussitôt de fonctionner.',
  'account.calendarTurnOff': 'Désactiver',
  'account.calendarTurnedOff': 'L’adresse de votre agenda est désactivée : elle n’ouvre plus rien.',
  'export.csv': 'Télécharger (CSV)',
  'export.incidentsCsv': 'Télécharger ces incidents (CSV)',
  'export.noticesCsv': 'Télécharger ces notifications (CSV)',
  'export.threadCsv': 'Télécharger le fil (CSV)',
  'problem.calendar.unknown': 'Aucun agenda n’a cette adresse : elle a été renouvelée ou désactivée, ou n’a jamais existé.',
  'problem.export.tooMany': 'Plus de {max} lignes correspondent : resserrez les filtres pour les télécharger.',
};
