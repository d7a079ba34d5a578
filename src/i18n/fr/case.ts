import type { caseDesk as english } from '../en/case.js';

/** Les formulaires du bureau et le dossier entier au bureau (ouvrir un incident, les actions du fil, parties et publications), en français. */
export const caseDesk: Record<keyof typeof english, string> = {
  'form.tooLarge': 'C’est trop volumineux pour être envoyé (plus de {size}). Raccourcissez le texte ou choisissez un fichier plus petit.',
  'incident.when': 'Quand',
  'form.whenHint': 'heure {zone} ; vide pour maintenant',
  'problem.password.tooShort': 'Le mot de passe doit compter au moins {min} caractères.',
  'problem.password.mismatch': 'Les deux mots de passe diffèrent.',
  'case.side': 'Échéances, engagements, rappels et preuves',
  'case.reply': 'Répondre',
  'case.replyTo': 'Répondre à {author}',
  'case.reminderActions': 'Reporter ou annuler',
  'case.followUp': 'Programmer une relance',
  'case.followUpFor': 'Pour',
  'case.me': '{name} (moi)',
  'case.followUpWhen': 'Quand',
  'case.followUpNote': 'Ce qu’il faut se rappeler',
  'case.followUpSubmit': 'Programmer',
  'case.postDetails': 'fiche',
};
