import { Parser } from 'htmlparser2';

export interface RobotsDirectives {
  /** From `<meta name="robots">`. */
  metaRobots: string[];
  /** From `<meta name="googlebot">`. */
  metaGooglebot: string[];
  /** From `X-Robots-Tag` headers, for every crawler or for googlebot. */
  header: string[];
}

export interface IndexingReading {
  noindex: boolean;
  directives: RobotsDirectives;
}

/** Directives whose value contains a colon, which must not be read as a crawler name. */
const VALUED_DIRECTIVES = new Set(['unavailable_after', 'max-snippet', 'max-image-preview', 'max-video-preview']);
const OURS = new Set(['googlebot']);

const split = (value: string) =>
  value
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean);

/** `<meta name="robots|googlebot" content="…">` anywhere in the page, in any case and attribute order. */
export function metaDirectives(html: string): Pick<RobotsDirectives, 'metaRobots' | 'metaGooglebot'> {
  const found = { metaRobots: [] as string[], metaGooglebot: [] as string[] };
  const parser = new Parser(
    {
      onopentag(tag, attributes) {
        if (tag !== 'meta' || attributes.content === undefined) return;
        const name = (attributes.name ?? '').trim().toLowerCase();
        if (name === 'robots') found.metaRobots.push(...split(attributes.content));
        if (name === 'googlebot') found.metaGooglebot.push(...split(attributes.content));
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return found;
}

/**
 * The directives of `X-Robots-Tag` headers that apply to every crawler or to
 * Googlebot: `noindex`, `googlebot: noindex, nofollow` (a crawler name applies
 * to the directives after it), but not `otherbot: noindex`.
 */
export function headerDirectives(values: string | string[] | undefined): string[] {
  const directives: string[] = [];
  for (const value of ([] as string[]).concat(values ?? [])) {
    let agent: string | null = null;
    for (const token of split(value)) {
      const prefixed = /^([a-z0-9_.-]+)\s*:\s*(.*)$/.exec(token);
      let directive = token;
      if (prefixed && !VALUED_DIRECTIVES.has(prefixed[1]!)) {
        agent = prefixed[1]!;
        directive = prefixed[2]!.trim();
      }
      if (directive && (agent === null || OURS.has(agent))) directives.push(directive);
    }
  }
  return directives;
}

/** Whether a page tells search engines (Google's among them) not to index it. */
export function readIndexing(html: string, robotsHeader: string | string[] | undefined): IndexingReading {
  const directives = { ...metaDirectives(html), header: headerDirectives(robotsHeader) };
  const all = [...directives.metaRobots, ...directives.metaGooglebot, ...directives.header];
  return { noindex: all.includes('noindex') || all.includes('none'), directives };
}
