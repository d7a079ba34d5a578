import { headerDirectives, metaDirectives, readIndexing } from './robots.js';

const page = (head: string) => `<!doctype html><html><head><title>t</title>${head}</head><body><p>Hello</p></body></html>`;

describe(readIndexing.name, () => {
  it.each([
    ['<meta name="robots" content="noindex">'],
    ['<META NAME="ROBOTS" CONTENT="NOINDEX, FOLLOW">'],
    ['<meta content="noindex,nofollow" name="robots">'],
    ["<meta name='robots' content='index, noindex'>"],
    ['<meta name="googlebot" content="noindex">'],
    ['<meta name="robots" content="none">'],
    ['<meta name="Robots" content=" max-snippet:-1 , noindex ">'],
    ['<meta name="robots" content="noindex"/>'],
  ])('reads noindex from %s', (meta) => {
    expect(readIndexing(page(meta), undefined).noindex).toBe(true);
  });

  it.each([
    ['no robots meta at all', ''],
    ['index, follow', '<meta name="robots" content="index, follow">'],
    ['nofollow only', '<meta name="robots" content="nofollow">'],
    ['another crawler', '<meta name="bingbot" content="noindex">'],
    ['a description that mentions noindex', '<meta name="description" content="how to noindex a page">'],
    ['noindex in text', '<p>noindex</p>'],
    ['a commented-out tag', '<!-- <meta name="robots" content="noindex"> -->'],
  ])('reads index when the page has %s', (_, meta) => {
    expect(readIndexing(page(meta), undefined).noindex).toBe(false);
  });

  it('reports every directive it found, by source', () => {
    const reading = readIndexing(page('<meta name="robots" content="noindex, nofollow"><meta name="googlebot" content="noarchive">'), 'noimageindex');
    expect(reading.directives).toEqual({ metaRobots: ['noindex', 'nofollow'], metaGooglebot: ['noarchive'], header: ['noimageindex'] });
  });

  it('reads noindex from the header alone', () => {
    expect(readIndexing(page(''), 'noindex').noindex).toBe(true);
    expect(readIndexing(page(''), ['nofollow', 'googlebot: noindex']).noindex).toBe(true);
  });
});

describe(headerDirectives.name, () => {
  it.each([
    ['noindex', ['noindex']],
    ['NoIndex, NoFollow', ['noindex', 'nofollow']],
    ['googlebot: noindex, nofollow', ['noindex', 'nofollow']],
    ['otherbot: noindex, nofollow', []],
    ['googlebot: nofollow, otherbot: noindex', ['nofollow']],
    ['unavailable_after: 25 Jun 2010 15:00:00 PST', ['unavailable_after: 25 jun 2010 15:00:00 pst']],
    ['max-snippet: 20, noindex', ['max-snippet: 20', 'noindex']],
  ])('reads %j as %j', (value, expected) => {
    expect(headerDirectives(value)).toEqual(expected);
  });

  it('reads several headers', () => {
    expect(headerDirectives(['otherbot: noindex', 'googlebot: none'])).toEqual(['none']);
    expect(headerDirectives(undefined)).toEqual([]);
  });
});

describe(metaDirectives.name, () => {
  it('decodes entities and ignores metas without content', () => {
    expect(metaDirectives('<meta name="robots"><meta name="robots" content="noindex&#44;nofollow">')).toEqual({ metaRobots: ['noindex', 'nofollow'], metaGooglebot: [] });
  });
});
