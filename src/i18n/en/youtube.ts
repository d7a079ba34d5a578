/** YouTube (sources/youtube.ts): what is said when a video's comments cannot be read. */
export const youtubeWords = {
  'problem.youtube.noKey': '{field}: importing YouTube comments needs a YouTube Data API key; set YOUTUBE_API_KEY on the server.',
  'problem.youtube.notVideo': '{field}: {url} names no YouTube video.',
  'problem.youtube.videoNotFound': '{field}: YouTube has no video {video} (removed, private, or a wrong address).',
  'problem.youtube.commentsDisabled': '{field}: comments are turned off on the YouTube video {video}.',
  'problem.youtube.quotaExceeded': '{field}: the YouTube Data API quota of this key is used up for today; try again tomorrow (Pacific time).',
  'problem.youtube.refused': '{field}: the YouTube Data API refused (HTTP {status}, {reason}).',
} as const;
