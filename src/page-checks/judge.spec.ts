import { judge, type PageAnswer } from './judge.js';

const answer = (status: number, body = '', headers: PageAnswer['headers'] = {}): PageAnswer => ({ status, headers, body: Buffer.from(body) });
const page = (head: string, body = '<p>An article about beginners</p>') => `<html><head>${head}</head><body>${body}</body></html>`;

describe(judge.name, () => {
  describe('noindex', () => {
    it('passes on a noindex meta and reports what it read', () => {
      expect(judge('noindex', answer(200, page('<meta name="robots" content="noindex, follow">')))).toEqual({
        verdict: 'pass',
        httpStatus: 200,
        directives: { metaRobots: ['noindex', 'follow'], metaGooglebot: [], header: [] },
        detail: null,
        observedIndexing: 'noindex',
      });
    });

    it('passes on the header alone', () => {
      expect(judge('noindex', answer(200, page(''), { 'x-robots-tag': 'googlebot: noindex' }))).toMatchObject({ verdict: 'pass', observedIndexing: 'noindex' });
    });

    it('fails on an indexable page, saying why', () => {
      expect(judge('noindex', answer(200, page('<meta name="robots" content="index, follow">')))).toMatchObject({
        verdict: 'fail',
        observedIndexing: 'index',
        detail: expect.stringContaining('no noindex directive'),
      });
    });

    it.each([404, 410])('passes on a page that is gone (%i)', (status) => {
      expect(judge('noindex', answer(status))).toMatchObject({ verdict: 'pass', observedIndexing: null });
    });
  });

  describe('remove_content', () => {
    it.each([404, 410])('passes on %i', (status) => {
      expect(judge('remove_content', answer(status)).verdict).toBe('pass');
    });

    it('fails while the page answers 200', () => {
      expect(judge('remove_content', answer(200, page('')))).toMatchObject({ verdict: 'fail', detail: 'the page still answers 200' });
    });
  });

  describe('remove_mention', () => {
    const article = page('', '<h1>Mistakes</h1><p>The tweet of <strong>Société&nbsp;Petite</strong> is an example.</p>');

    it('fails while the page still mentions the text, whatever the case, accents or markup', () => {
      expect(judge('remove_mention', answer(200, article), 'societe petite')).toMatchObject({ verdict: 'fail', detail: 'the page still mentions "societe petite"' });
    });

    it('passes once the text is gone', () => {
      expect(judge('remove_mention', answer(200, page('', '<p>The tweet of a company is an example.</p>')), 'Société Petite').verdict).toBe('pass');
    });

    it('does not count a mention hidden in an attribute or a script as gone or present text', () => {
      expect(judge('remove_mention', answer(200, page('<script>var a = "Société Petite"</script>', '<img alt="x">')), 'Société Petite').verdict).toBe('pass');
    });
  });

  it.each([500, 503, 403, 301])('calls a %i an error to retry, not a failure', (status) => {
    for (const kind of ['noindex', 'remove_content', 'remove_mention'] as const) {
      expect(judge(kind, answer(status), 'x')).toMatchObject({ verdict: 'error', httpStatus: status });
    }
  });
});

describe('remove_mention, read through the desk\'s one fold', () => {
  it('still sees a mention written with a ligature and accents on the page, asked for plainly', () => {
    expect(judge('remove_mention', answer(200, page('', '<p>L\u2019Œuvre  de la SOCIÉTÉ</p>')), 'oeuvre de la societe').verdict).toBe('fail');
  });
  describe('publish_reply', () => {
    const reply = 'Je conteste  formellement\nces propos.';
    it('passes when the reply’s whole text is on the page, case, accents and line breaks aside', () => {
      expect(judge('publish_reply', answer(200, page('', '<p>Article</p><h2>Droit de réponse</h2><p>JE CONTESTE formellement</p><p>ces propos.</p>')), reply)).toEqual({
        verdict: 'pass',
        httpStatus: 200,
        directives: null,
        detail: null,
        observedIndexing: null,
      });
    });

    it('fails when the page shows only part of the reply, or none', () => {
      expect(judge('publish_reply', answer(200, page('', '<p>Je conteste formellement</p>')), reply)).toMatchObject({ verdict: 'fail', detail: 'the page does not show the reply’s text in full' });
      expect(judge('publish_reply', answer(200, page('')), reply)).toMatchObject({ verdict: 'fail' });
    });

    it.each([404, 410])('fails on a page that is gone (%i): it shows no reply', (status) => {
      expect(judge('publish_reply', answer(status), reply)).toMatchObject({ verdict: 'fail', detail: `the page answers ${status}: the reply is not on it` });
    });

    it('cannot tell on a server error, nor without a reply to look for', () => {
      expect(judge('publish_reply', answer(503), reply)).toMatchObject({ verdict: 'error' });
      expect(judge('publish_reply', answer(200, page('')), '  ')).toMatchObject({ verdict: 'error', detail: 'no reply text is recorded to look for on the page' });
    });
  });
});
