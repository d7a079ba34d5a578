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
  'deadline.seededNote.right_of_reply':
    'The publisher inserts the reply within 3 days of receiving the request. The request must reach the publisher within 3 months of the message’s publication.',
  'deadline.seededNote.data_protection_request':
    'Answer without undue delay and at the latest within one month of receipt, to the same date of the next month or the month’s last day (Regulation 1182/71 art. 3). Extendable by two months where necessary, telling the person within the first month.',
  'deadline.seededNote.formal_notice': 'When the letter states a date, enter it as the deadline the letter states: it takes the place of these 8 days.',
  'deadline.seededNote.press_prescription':
    'The action for defamation or insult is time-barred three months after the publication (the day of publication not counted, date to date, never moved to a working day). Only acts of prosecution or procedure interrupt it: a formal notice (mise en demeure) does not.',
  'deadline.seededNote.press_prescription_65_3':
    'One year for provocation to discrimination, hatred or violence, and defamation or insult, because of origin, ethnicity, nation, race, religion, sex, sexual orientation or gender identity, or disability, and for the denial of crimes against humanity (art. 24 bis). A formal notice (mise en demeure) does not interrupt it.',
} as const;
