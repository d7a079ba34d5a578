import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { PageFetcher } from '../../fetcher/page-fetcher.js';
import type { Platform } from '../../posts/post.types.js';
import { ADDRESS_SOURCES, type AddressSource, type AddressSourceName, type FileFormat, type FileSource, type SourceContext } from './source.js';
import { MastodonSource } from './mastodon.js';
import { OutboxSource } from './outbox.js';
import { DisqusSource } from './disqus.js';
import { SourceFetch } from './source-fetch.js';
import { DiscourseSource } from './discourse.js';
import { RedditSource } from './reddit.js';
import { WordPressSource, WxrSource } from './wordpress.js';
import { YouTubeSource } from './youtube.js';

/** Every place a thread is read from by its address: adding one is its file and a line here. WordPress is tried last. */
const ADDRESS_SOURCE_LIST: AddressSource[] = [new DiscourseSource(), new MastodonSource(), new RedditSource(), new YouTubeSource(), new WordPressSource()];

/** Every file a thread is read from. */
const FILE_SOURCE_LIST: FileSource[] = [new WxrSource(), new DisqusSource(), new OutboxSource()];

/** The places and files Calumet reads threads from, and what they are given to read with. */
@Injectable()
export class SourceRegistry {
  readonly context: SourceContext;
  private readonly byName = new Map<AddressSourceName, AddressSource>(ADDRESS_SOURCE_LIST.map((source) => [source.name, source]));
  private readonly byFormat = new Map<FileFormat, FileSource>(FILE_SOURCE_LIST.map((source) => [source.format, source]));

  constructor(fetcher: PageFetcher, config: AppConfig) {
    this.context = { fetch: new SourceFetch(fetcher, config.fetchTimeoutMs), youtubeApiKey: config.youtubeApiKey, youtubeApiUrl: config.youtubeApiUrl };
  }

  /** The places that can be named, in the order they are offered. */
  get names(): AddressSourceName[] {
    return ADDRESS_SOURCES.filter((name) => this.byName.has(name));
  }

  get formats(): FileFormat[] {
    return [...this.byFormat.keys()];
  }

  /** The place an address is, by its shape alone; null when no place recognises it (it may still be a WordPress post). */
  recognise(url: string): AddressSource | null {
    const parsed = new URL(url);
    return ADDRESS_SOURCE_LIST.find((source) => source.recognises(parsed)) ?? null;
  }

  named(name: AddressSourceName): AddressSource | null {
    return this.byName.get(name) ?? null;
  }

  /** The place a post of this platform is read from again (the watch, a removal's check); WordPress for a blog and anything else. */
  forPlatform(platform: Platform): AddressSource {
    return ADDRESS_SOURCE_LIST.find((source) => source.name !== 'wordpress' && source.platform === platform) ?? this.byName.get('wordpress')!;
  }

  file(format: FileFormat): FileSource | null {
    return this.byFormat.get(format) ?? null;
  }

  /** The format a file's first bytes say it is: an RSS channel is a WXR, `<disqus` a Disqus export, a JSON object an outbox. */
  sniff(head: string): FileFormat | null {
    const text = head.replace(/^\uFEFF/, '').trimStart();
    if (text.startsWith('{')) return this.byFormat.has('outbox') ? 'outbox' : null;
    const start = text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|\s+/g, ' ').trimStart();
    if (/^<disqus[\s>]/.test(start)) return this.byFormat.has('disqus') ? 'disqus' : null;
    if (/^<rss[\s>]/.test(start)) return 'wxr';
    return null;
  }
}
