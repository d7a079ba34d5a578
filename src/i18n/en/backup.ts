/** Backups: what the admins are told when a scheduled backup fails. */
export const backupWords = {
  'notifications.desk': 'The desk',
  'backup.failed.subject': 'Calumet: the scheduled backup failed',
  'backup.failed.text': 'The backup Calumet began at {startedAt} into {dir} failed: {error}\nThe last complete backup is {last}. Nothing was written under a backup’s name: the failed attempt leaves no backup that a restore would accept.\nThe worker tries again at {next}.',
  'backup.failed.none': 'none yet',
} as const;
