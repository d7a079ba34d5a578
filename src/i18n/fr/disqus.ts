import type { disqusWords as en } from '../en/disqus.js';

/** L’export Disqus (sources/disqus.ts) : ce qui est dit quand le fichier ne se lit pas ou ne contient pas la discussion demandée. */
export const disqusWords: Record<keyof typeof en, string> = {
  'problem.disqus.notDisqus': 'Ce fichier n’est pas un export Disqus (pas de racine <disqus>).',
  'problem.disqus.unclosed': 'Le fichier s’arrête avant la fermeture de <{tag}> : il est tronqué ou abîmé.',
  'problem.disqus.malformed': 'Le fichier n’est pas un XML bien formé (vers le caractère {at}).',
  'problem.disqus.noSuchThread': 'L’export ne contient aucune discussion {thread} (cherchée comme dsq:id, identifiant et adresse).',
  'problem.disqus.postWithoutId': 'Un message de la discussion n’a ni dsq:id ni <id>.',
  'problem.disqus.postWithoutDate': 'Le message {post} n’a pas de <createdAt> valable.',
};
