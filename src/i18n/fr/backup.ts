import type { backupWords as en } from '../en/backup.js';

/** Sauvegardes : ce qui est dit aux administrateurs quand une sauvegarde programmée échoue. */
export const backupWords: Record<keyof typeof en, string> = {
  'notifications.desk': 'Le bureau',
  'backup.failed.subject': 'Calumet : la sauvegarde programmée a échoué',
  'backup.failed.text': 'La sauvegarde que Calumet a commencée le {startedAt} dans {dir} a échoué : {error}\nLa dernière sauvegarde complète est {last}. Rien n’a été écrit sous le nom d’une sauvegarde : la tentative manquée ne laisse aucune sauvegarde qu’une restauration accepterait.\nLe worker réessaiera le {next}.',
  'backup.failed.none': 'aucune pour l’instant',
};
