import type { sessionsDesk as en } from '../en/sessions.js';

/** Les sessions de la personne (/account/sessions) et la façon, pour l’administration, de mettre fin à celles de quelqu’un. */
export const sessionsDesk: Record<keyof typeof en, string> = {
  'sessions.title': 'Vos sessions',
  'sessions.intro': 'Chaque navigateur connecté sous votre nom. Fermez celles que vous ne reconnaissez pas ou n’utilisez plus\u202f: le navigateur est déconnecté aussitôt, où qu’il soit.',
  'sessions.device': 'Navigateur',
  'sessions.address': 'Adresse',
  'sessions.created': 'Connexion',
  'sessions.lastSeen': 'Dernière utilisation',
  'sessions.this': 'Ce navigateur',
  'sessions.unknownDevice': 'Navigateur inconnu',
  'sessions.unknownAddress': 'inconnue',
  'sessions.end': 'Fermer',
  'sessions.endLabel': 'Fermer la session de {device} ouverte {when}',
  'sessions.endOthers': 'Fermer toutes les autres sessions',
  'sessions.none': 'Aucun autre navigateur n’est connecté sous votre nom.',
  'sessions.ended': 'La session est fermée.',
  'sessions.endedOthers': '{count, plural, =0 {Aucune autre session n’était ouverte.} one {# autre session fermée.} other {# autres sessions fermées.}}',
  'admin.sessions': 'Sessions',
  'admin.endSessions': 'Déconnecter partout',
  'admin.sessionsEnded': '{name}\u202f: {count, plural, =0 {aucune session n’était ouverte.} one {# session fermée.} other {# sessions fermées.}}',
};
