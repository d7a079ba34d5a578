/** The desk's forms and the whole case at the desk (open a case, the thread's actions, parties and posts), in English (ICU MessageFormat). */
export const caseDesk = {
  'form.tooLarge': 'This is too large to send (more than {size}). Shorten the text or choose a smaller file.',
  'incident.when': 'When',
  'form.whenHint': 'in {zone}; empty for now',
  'problem.password.tooShort': 'The password must be at least {min} characters long.',
  'problem.password.mismatch': 'The two passwords differ.',
  'case.side': 'Deadlines, commitments, reminders and evidence',
  'case.reply': 'Reply',
  'case.replyTo': 'Reply to {author}',
  'case.reminderActions': 'Snooze or cancel',
  'case.followUp': 'Schedule a follow-up',
  'case.followUpFor': 'For',
  'case.me': '{name} (me)',
  'case.followUpWhen': 'When',
  'case.followUpNote': 'What to remember',
  'case.followUpSubmit': 'Schedule',
  'case.postDetails': 'details',
} as const;
