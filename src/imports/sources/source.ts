import type { Readable } from 'node:stream';
import type { Code } from '../../common/problem.js';
import type { Platform } from '../../posts/post.types.js';
import type { WpThread } from '../wordpress-thread.js';
import type { SourceFetch } from './source-fetch.js';

/**
 * A thread as every place gives it to the import, whatever the place: the
 * post (or topic, status, video…) and its messages, each with its external
 * id, its parent's, its author (with a stable id where the place has one),
 * its time, its body as plain text and its own address. A message the place
 * shows as deleted, removed or spam is left out: the import marks a message
 * it had and no longer finds as deleted.
 */
export type SourceThread = WpThread;
export type { WpComment as SourceMessage, WpPost as SourcePost } from '../wordpress-thread.js';

/** The places a thread is read from by its address. */
export const ADDRESS_SOURCES = ['wordpress', 'discourse', 'mastodon', 'reddit', 'youtube'] as const;
export type AddressSourceName = (typeof ADDRESS_SOURCES)[number];

/** The files a thread is read from: a WordPress export, a Disqus export, a Mastodon (ActivityPub) account archive's outbox.json. */
export const FILE_FORMATS = ['wxr', 'disqus', 'outbox'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/** What an adapter may use besides the address: the guarded fetcher, and the keys some places ask for. */
export interface SourceContext {
  fetch: SourceFetch;
  /** YOUTUBE_API_KEY, when set. */
  youtubeApiKey: string | null;
  /** YOUTUBE_API_URL: https://www.googleapis.com/youtube/v3 unless a test serves its own. */
  youtubeApiUrl: string;
}

/**
 * A place whose threads are read from an address (src/imports/sources/<name>.ts).
 * `recognises` looks at the address alone, without fetching: a Reddit
 * permalink, a YouTube video, a Mastodon status (`/@user/<digits>` on any
 * server), a Discourse topic (`/t/<slug>/<digits>`). WordPress recognises
 * nothing: it is what an address no one recognises is tried as.
 */
export interface AddressSource {
  readonly name: AddressSourceName;
  /** The post's platform once imported. */
  readonly platform: Platform;
  recognises(url: URL): boolean;
  /** The whole thread; a SourceError (for the field `url`) when the place refuses or the address names no thread. */
  read(url: string, context: SourceContext): Promise<SourceThread>;
  /**
   * Whether one message is still shown by the place, asked of its own JSON
   * (a removal commitment's check): null when this place cannot tell.
   */
  stillShown?(message: { externalId: string; url: string | null; threadUrl: string }, context: SourceContext): Promise<boolean | null>;
}

/** A file holding threads (read as a stream, never whole), of which the import takes one, named by `thread`. */
export interface FileSource {
  readonly format: FileFormat;
  readonly platform: Platform;
  /** `thread`: how the person names the thread in the file (an id, a slug, an address), as the form's `thread` field. */
  read(input: Readable, thread: string): Promise<SourceThread>;
}

/**
 * Why a place's thread could not be read. The message names the problem for
 * `field` (the address, the file, the thread asked for); the code and values
 * say it in other languages (`problem.<code>` in the catalogues).
 */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly code: Code,
    readonly values: Record<string, string | number> = {},
    readonly field: 'url' | 'postUrl' | 'file' | 'thread' | 'post' = 'url',
  ) {
    super(message);
    this.name = 'SourceError';
  }
}
