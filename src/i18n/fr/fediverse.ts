import type { fediverseWords as en } from '../en/fediverse.js';

/** Mastodon et le fédivers : un statut lu par l’API de son serveur, ou un fil tiré du outbox.json d’une archive de compte. */
export const fediverseWords: Record<keyof typeof en, string> = {
  'problem.mastodon.notStatusAddress': '{field} : {url} n’est pas l’adresse d’un statut Mastodon (https://serveur/@compte/123).',
  'problem.mastodon.noStatus': '{field} : {origin} ne montre aucun statut {id} (supprimé, privé ou inexistant).',
  'problem.mastodon.refused': '{field} : {origin} refuse de montrer le statut {id} (HTTP {status}).',
  'problem.mastodon.notMastodon': '{field} : {origin} ne répond pas comme un serveur Mastodon.',
  'problem.mastodon.statusWithoutDate': '{field} : le statut {id} n’a pas de date valide.',
  'problem.outbox.notOutbox': 'Ce fichier n’est pas le fichier outbox.json d’une archive de compte Mastodon (pas d’orderedItems).',
  'problem.outbox.malformed': 'Le fichier n’est pas du JSON bien formé : {reason}.',
  'problem.outbox.noSuchNote': 'Le fichier outbox.json ne contient pas de note {thread}.',
  'problem.outbox.noteWithoutDate': 'La note {id} n’a pas de date de publication valide.',
};
