/** The reasons Calumet itself writes into the timeline (src/dossier/event-sentences.ts reads them back as these). */
export const reasons = {
  'reason.opened': 'opened',
  'reason.noticeReceived': 'legal notice {ref} ({type}) received',
  'reason.answered': 'answered by an outbound comment',
  'reason.noReplyNeeded': 'no reply is needed any more',
  'reason.commentDeleted': 'the message was deleted',
  'reason.incidentMoved': 'the incident is {state}',
  'reason.recipientInactive': 'the recipient is no longer active',
  'reason.commitment': 'the commitment was {what, select, reopened {reopened} done {done} verified {verified} other {cancelled}}',
  'reason.pageShows': 'the page shows {indexing}',
  'reason.recomputed': 'computed again after a change of {fields}',
  'reason.deadlineChanged': 'the deadline changed: {reason}',
  'reason.noticeMoved': 'the notice is {status}',
  'reason.reassigned': 'the notice was assigned to someone else',
  'reason.signal': 'Signal in a comment: “{phrase}”',
} as const;
