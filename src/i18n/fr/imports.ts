import type { importWords as en } from '../en/imports.js';

/** Imports de tous les lieux : ce qui est dit quand un lieu refuse, ou qu’une adresse ou un fichier n’est pas compris. */
export const importWords: Record<keyof typeof en, string> = {
  'import.urlHint': 'Un article WordPress, un sujet Discourse, un pouet Mastodon (sur n’importe quel serveur), une publication Reddit ou une vidéo YouTube.',
  'import.source': 'Le lieu',
  'import.sourceAuto': 'Le reconnaître à l’adresse',
  'import.sourceHint': 'À choisir quand Calumet ne reconnaît pas l’adresse (un forum ou un serveur sous son propre nom).',
  'import.place.wordpress': 'WordPress',
  'import.place.discourse': 'Discourse',
  'import.place.mastodon': 'Mastodon (fédivers)',
  'import.place.reddit': 'Reddit',
  'import.place.youtube': 'YouTube',
  'import.format': 'Le type de fichier',
  'import.formatAuto': 'Le reconnaître au fichier',
  'import.format.wxr': 'Export WordPress (WXR)',
  'import.format.disqus': 'Export Disqus (XML)',
  'import.format.outbox': 'Archive Mastodon (outbox.json)',
  'field.source': 'Le lieu',
  'field.thread': 'La discussion dans le fichier',
  'problem.import.rateLimited': '{field} : {place} refuse pour l’instant (HTTP {status}) ; réessayez dans un moment.',
  'problem.import.unknownSource': '{field} : de quel lieu est {url} ? Choisissez : {sources}.',
  'problem.import.sourceUnavailable': '{field} : ce Calumet ne sait pas lire {source}.',
  'problem.import.unknownFormat': '{field} : de quel type est ce fichier ? Choisissez : {formats}.',
  'problem.import.fileGone': '{field} : le fichier de cet import n’existe plus.',
  'problem.import.notJson': '{field} : {place} n’a pas répondu en JSON à l’adresse {url}.',
};
