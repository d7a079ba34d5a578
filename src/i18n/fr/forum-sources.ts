import type { forumSourceWords as en } from '../en/forum-sources.js';

/** Imports depuis un forum Discourse ou Reddit : ce qui est dit quand le lieu refuse ou répond autrement que documenté. */
export const forumSourceWords: Record<keyof typeof en, string> = {
  'problem.discourse.notTopic': '{field} : {url} n’est pas l’adresse d’un sujet Discourse (/t/<slug>/<id>).',
  'problem.discourse.noTopic': '{field} : le forum ne montre aucun sujet {topic} (HTTP {status}) ; il a peut-être été supprimé.',
  'problem.discourse.refused': '{field} : le forum refuse de montrer le sujet {topic} (HTTP {status}) ; il est peut-être privé ou réservé aux membres connectés.',
  'problem.discourse.unreadable': '{field} : {url} ne répond pas comme un forum Discourse.',
  'problem.discourse.tooLarge': '{field} : le sujet compte {posts} messages, plus que les {max} qu’un import lit.',
  'problem.reddit.notPost': '{field} : {url} n’est pas l’adresse d’une publication Reddit (/r/<subreddit>/comments/<id>/).',
  'problem.reddit.noPost': '{field} : Reddit ne montre aucune publication {post} (HTTP {status}) ; elle a peut-être été supprimée.',
  'problem.reddit.refused':
    '{field} : Reddit refuse de montrer la publication {post} (HTTP {status}) ; le subreddit est peut-être privé ou mis en quarantaine, ou Reddit écarte les lecteurs anonymes.',
  'problem.reddit.unreadable': '{field} : Reddit ne répond pas comme documenté pour {url}.',
  'problem.reddit.tooLarge': '{field} : la publication {post} demande plus de {max} requêtes à Reddit ; un import n’en fait pas davantage.',
};
