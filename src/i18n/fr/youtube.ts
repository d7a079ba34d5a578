import type { youtubeWords as en } from '../en/youtube.js';

/** YouTube (sources/youtube.ts) : ce qui est dit quand les commentaires d’une vidéo ne se lisent pas. */
export const youtubeWords: Record<keyof typeof en, string> = {
  'problem.youtube.noKey': '{field} : importer des commentaires YouTube demande une clé de l’API YouTube Data ; renseignez YOUTUBE_API_KEY sur le serveur.',
  'problem.youtube.notVideo': '{field} : {url} ne désigne aucune vidéo YouTube.',
  'problem.youtube.videoNotFound': '{field} : YouTube n’a pas de vidéo {video} (retirée, privée, ou adresse erronée).',
  'problem.youtube.commentsDisabled': '{field} : les commentaires sont désactivés sur la vidéo YouTube {video}.',
  'problem.youtube.quotaExceeded': '{field} : le quota de l’API YouTube Data de cette clé est épuisé pour aujourd’hui ; réessayez demain (heure du Pacifique).',
  'problem.youtube.refused': '{field} : l’API YouTube Data a refusé (HTTP {status}, {reason}).',
};
