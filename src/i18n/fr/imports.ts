import type { importWords as en } from '../en/imports.js';

/** Imports de tous les lieux : ce qui est dit quand un lieu refuse, ou qu’une adresse ou un fichier n’est pas compris. */
export const importWords: Record<keyof typeof en, string> = {
  'problem.import.rateLimited': '{field} : {place} refuse pour l’instant (HTTP {status}) ; réessayez dans un moment.',
  'problem.import.notJson': '{field} : {place} n’a pas répondu en JSON à l’adresse {url}.',
};
