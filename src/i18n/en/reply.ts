/** The right of reply: the commitment to publish it, and the refusals of its checks (docs/legal.md). */
export const replyDesk = {
  'field.commentsOpen': 'Comments open',
  'field.replyNoLongerThanOriginal': 'No longer than the message answered',
  'field.maxReplyLines': 'Most lines of a reply',
  'field.replyLengthReference': 'Reference of the length checks',
  'reply.said': 'reply to publish: “{text}”',
  'reply.textLabel': 'The mention to remove, or the reply to publish',
  'reply.textHint': 'a mention: the text that must no longer appear (500 characters at most); a reply: its whole text, as it must appear on the page',
  'print.reply': '(reply to publish: {text})',
  'reply.commitmentDescription': 'Publish the reply requested in {ref} in full, under the content it answers (right of reply)',
  'problem.commitment.dueBeforeNow': '{field} is already past, while this promise is recorded as made now: if it was made earlier, fill in {other}.',
  'problem.commitment.replyRequired': '{field} is required to publish a reply: the reply to look for on the page.',
  'problem.commitment.mentionTooLong': '{field} may be {max} characters at most to remove a mention.',
  'problem.notice.replyPageUnknown':
    'Where the reply of {ref} is to be published is not known: link the notice to the comment it is about, or keep a single post on the incident, then try again.',
} as const;
