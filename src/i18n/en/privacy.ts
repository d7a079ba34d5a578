/** The people in the record: an access request's export and an erasure's refusals (docs/legal.md, "Access and erasure"). */
export const privacyWords = {
  'problem.party.erasureOnHold': 'The party cannot be erased: {refs} under legal hold ({reasons}).',
  'problem.party.erasureOpenNotice': 'The party cannot be erased: legal notice {refs} is open and needs their data; close or withdraw it first.',
  'problem.party.alreadyErased': 'The party was already erased on {at}.',
  'privacy.title': 'What Calumet holds about {name}',
  'privacy.generatedAt': 'Generated on {at}',
  'privacy.party': 'The party',
  'privacy.incidents': 'Incidents they appear in',
  'privacy.messages': 'Their messages',
  'privacy.revisions': 'Earlier versions',
  'privacy.notices': 'Legal notices naming them',
  'privacy.commitments': 'Commitments made to them',
  'privacy.timeline': 'Their data in the timelines',
  'privacy.erasures': 'Erasures',
  'privacy.none': 'None.',
  'privacy.erased': 'Erased on {at}',
} as const;
