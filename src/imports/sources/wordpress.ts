import type { Readable } from 'node:stream';
import { WordPressClient } from '../wordpress-rest.js';
import { WxrReader } from '../wxr-parser.js';
import type { AddressSource, FileSource, SourceContext, SourceThread } from './source.js';

/**
 * A WordPress blog's post, read from its REST API (found from the post's
 * page). It recognises no address by its shape: an address no other place
 * recognises is tried as a WordPress post, and is refused if the site shows
 * no WordPress REST API.
 */
export class WordPressSource implements AddressSource {
  readonly name = 'wordpress';
  readonly platform = 'blog';

  recognises(): boolean {
    return false;
  }

  read(url: string, context: SourceContext): Promise<SourceThread> {
    return new WordPressClient(context.fetch).thread(url);
  }
}

/** A WordPress export (WXR), streamed: `thread` is the post's slug or id. */
export class WxrSource implements FileSource {
  readonly format = 'wxr';
  readonly platform = 'blog';

  read(input: Readable, thread: string): Promise<SourceThread> {
    return new WxrReader(thread).read(input);
  }
}
