/** Deadline bases and validity warnings, said from their facts (src/deadlines/deadline-words.ts). */
export const deadlines = {
  'deadline.basis.rule':
    '{type} ({jurisdiction}): {period} from {clock, select, receivedAt {receipt} acknowledgedAt {the acknowledgment of receipt} other {sending}}{noStated, select, true {, as the notice states no deadline} other {}} ({reference})',
  'deadline.basis.stated': '{type} ({jurisdiction}): the deadline the notice states ({reference})',
  'deadline.basis.manual': 'set by hand: {reason}',
  'deadline.jurisdiction.anywhere': 'any jurisdiction',
  'deadline.jurisdiction.eu': 'EU',
  'deadline.businessDays': '{days, plural, one {# business day} other {# business days}}',
  'deadline.warning.clock_start_unknown':
    'No deadline yet: the rule counts {period} from {clock, select, receivedAt {receipt} acknowledgedAt {the acknowledgment of receipt} other {sending}}, which is not known.',
  'deadline.warning.publication_date_unknown': 'The content’s publication date is unknown, so the {age} limit for the request could not be checked.',
  'deadline.warning.request_out_of_time':
    'The request came on {requestedOn}, more than {age} after the content’s publication on {publishedOn} (limit {limit}): it may be out of time ({reference}).',
  'deadline.warning.receipt_not_proven':
    'The request came by {via}, which proves neither its receipt nor the requester’s identity: it should come by {proving} or another means proving both ({reference}).',
  'deadline.warning.requested_reply_missing': 'No reply text is recorded: the request must state the reply it seeks ({reference}).',
  'deadline.warning.comments_open':
    '{basis, select, comment_status {The comments of the content are open, so the requester could answer there directly} others_commented {Others commented on the content, so the requester could answer there directly} other {The request came as a comment, where the requester could answer directly}}: the procedure does not apply where the comments are open to them ({reference}).',
  'deadline.warning.reply_too_long':
    'The reply ({replyCharacters, plural, one {# character} other {# characters}}, {replyLines, plural, one {# line} other {# lines}}) is longer than the message it answers ({originalCharacters, plural, one {# character} other {# characters}}, {originalLines, plural, one {# line} other {# lines}}): it may be no longer ({reference}).',
  'deadline.warning.reply_over_200_lines':
    'The reply runs to {replyLines, plural, one {# line} other {# lines}} (counted at {width} characters a line), over the {maxLines} lines a reply may have ({reference}).',
} as const;
