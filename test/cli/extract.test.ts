import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { extractArticle } from '../../src/cli/extract.js';
import { resolveSettings } from '../../src/settings.js';

const settings = resolveSettings();
const para = (n: number, topic: string) => Array.from({ length: n }, (_, i) =>
  `The port authority said on day ${i + 1} that the ${topic} had been traced to servers abroad, and that every affected system was being restored by its engineers.`);
const page = (article: string, head = '') => `<!doctype html><html><head>${head}<title>Port hack | The Coastal Courier</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>${article}<footer>Copyright 2024 The Coastal Courier</footer></body></html>`;

describe('newskg extract on the shapes real pages have', () => {
  it('a header line made only of separators does not stop the reading', () => {
    const text = ['The Coastal Courier', '|', '• ·', 'Port hack traced abroad', 'By Ingrid Vasquez-Holm | 14 November 2023', '', ...para(3, 'intrusion')].join('\n');
    const x = extractArticle({ name: 'sep.txt', data: text }, settings);
    expect(x.body).toContain('the intrusion had been traced');
    expect(x.body).not.toContain('•');
  });

  it('a cookie banner is not taken for the article', () => {
    const banner = '<div class="cookie"><p>This website uses cookies to improve your experience. We assume you are fine with this, but you can opt out if you wish. Accept</p></div>';
    const x = extractArticle({ name: 'cookie.html', data: page(`${banner}<article>${para(5, 'attack').map((p) => `<p>${p}</p>`).join('')}</article>`) }, settings);
    expect(x.body).toContain('the attack had been traced');
    expect(x.body).not.toContain('uses cookies');
  });

  it('keeps a body that is not in English and says its language', () => {
    const de = ['Hafen meldet Angriff', '',
      'Die Hafenbehörde teilte am Dienstag mit, dass eine Gruppe ausländischer Hacker in die Computersysteme des Hafens eingedrungen sei und den Betrieb für zwei Tage gestört habe.', '',
      'Nach Angaben der Behörde nutzten die Angreifer gestohlene Passwörter, um auf die Server der Schiffsplanung zuzugreifen, bevor der Angriff am Wochenende entdeckt wurde.', '',
      '„Wir haben alle Systeme wiederhergestellt und arbeiten mit der Polizei zusammen“, sagte eine Sprecherin der Behörde am Abend.'].join('\n');
    const x = extractArticle({ name: 'de.txt', data: de }, settings);
    expect(x.language).toBe('de');
    expect(x.body).toContain('Die Hafenbehörde teilte am Dienstag mit');
    expect(x.body).toContain('sagte eine Sprecherin');
  });

  it('keeps the article\'s subheadings and list items, and leaves out its link lists and captions', () => {
    const article = `<article><p>${para(1, 'breach')[0]}</p><h2>What was taken</h2><ul><li>Crew schedules for the winter</li><li>Berth bookings of two ferries</li></ul>
      <figure><img src="x.jpg"><figcaption>The harbour at dawn (Photo: Example Agency)</figcaption></figure>${para(3, 'breach').map((p) => `<p>${p}</p>`).join('')}
      <h3>Related stories</h3><ul><li><a href="/a">Ferry timetable changes for the winter</a></li><li><a href="/b">Lighthouse restoration begins next week</a></li></ul></article>`;
    const x = extractArticle({ name: 'list.html', data: page(article) }, settings);
    for (const kept of ['What was taken', 'Crew schedules for the winter', 'Berth bookings of two ferries']) expect(x.body.split('\n')).toContain(kept);
    for (const gone of ['Ferry timetable', 'Lighthouse restoration', 'Related stories', 'The harbour at dawn']) expect(x.body).not.toContain(gone);
  });

  it('reads headline, date, publisher and authors from JSON-LD (in an @graph), the headline without the site name', () => {
    const ld = { '@context': 'https://schema.org', '@graph': [{ '@type': 'WebSite', name: 'The Coastal Courier' },
      { '@type': 'NewsArticle', headline: 'Port hack traced abroad', datePublished: '2023-11-14T08:00:00+01:00',
        publisher: { '@type': 'Organization', name: 'The Coastal Courier' }, author: [{ '@type': 'Person', name: 'Ingrid Vasquez-Holm' }, { '@type': 'Person', name: 'Tomas Berg' }] }] };
    const head = `<script type="application/ld+json">${JSON.stringify(ld)}</script><meta property="og:title" content="Port hack traced abroad | The Coastal Courier">`;
    const x = extractArticle({ name: 'ld.html', data: page(`<article>${para(4, 'hack').map((p) => `<p>${p}</p>`).join('')}</article>`, head) }, settings);
    expect(x).toMatchObject({ headline: 'Port hack traced abroad', datePublished: '2023-11-14', publisher: 'The Coastal Courier', author: ['Ingrid Vasquez-Holm', 'Tomas Berg'] });
    const og = extractArticle({ name: 'og.html', data: page(`<article>${para(4, 'hack').map((p) => `<p>${p}</p>`).join('')}</article>`,
      '<meta property="og:title" content="Port hack traced abroad | The Coastal Courier"><meta property="og:site_name" content="The Coastal Courier">') }, settings);
    expect(og.headline).toBe('Port hack traced abroad');
  });

  it('leaves a comment thread of scraped text out of the body', () => {
    const comments = ['3 Comments', 'Mary Jones', 'November 14, 2023 at 9:12 am',
      'I have been saying for years that the port systems were far too exposed to this kind of attack and nobody listened to us.', 'Reply',
      'Peter Smith', 'November 14, 2023 at 10:40 am', 'Same here, the authority should have replaced those old servers long before the intrusion ever happened to them.', 'Reply',
      'Anna Lee', 'November 15, 2023 at 8:05 am', 'Does anyone know whether the ferry bookings were affected as well, because mine disappeared last week without a word?', 'Reply'];
    const text = ['Port hack traced abroad', '', ...para(4, 'intrusion').flatMap((p) => [p, '']), 'Share', ...comments].join('\n');
    const x = extractArticle({ name: 'thread.txt', data: text }, settings);
    expect(x.body).toContain('day 4');
    for (const c of ['nobody listened', 'old servers', 'ferry bookings', 'Mary Jones', 'Reply']) expect(x.body).not.toContain(c);
  });

  it('leaves out a thread whose comments carry a clock time and a vote count, even set as paragraphs', () => {
    const comment = (who: string, minute: number, votes: number, says: string) =>
      [who, `2 days ago at 07:${minute} am`, '', says, '', `Rating: ${votes} Votes`];
    const text = ['Port hack traced abroad', '', ...para(4, 'intrusion').flatMap((p) => [p, '']), 'Top Rated Comments',
      ...comment('harbourwatch', 12, 36, 'I have been saying for years that the port systems were far too exposed to this kind of attack, and nobody listened.'),
      ...comment('ferryfan', 20, 25, 'Same here: the authority should have replaced those old servers long before the intrusion ever happened to them all.'),
      ...comment('dockside', 31, 17, 'Does anyone know whether the ferry bookings were affected as well? Mine disappeared last week without a single word.'),
      ...comment('quayside', 47, 9, 'They will blame someone abroad, as they always do, and the same old machines will still be running next winter too.'),
    ].join('\n');
    const x = extractArticle({ name: 'votes.txt', data: text }, settings);
    expect(x.body).toContain('day 4');
    for (const c of ['nobody listened', 'old servers', 'ferry bookings', 'next winter', 'Rating', '07:']) expect(x.body).not.toContain(c);
  });

  it('leaves out teasers whose summaries are prose, when the article is set in paragraphs', () => {
    const teasers = ['Share', 'Facebook', 'Email', 'More stories', 'Ferry operator fined over delays',
      'The operator of the island ferries was fined on Monday after a winter of delays that left hundreds of travellers stranded on the quay.',
      'New crane arrives at the container terminal',
      'A crane taller than any in the region was delivered to the terminal this week, and the authority expects it to double the yard throughput.',
      'Fishing fleet returns early',
      'Storms in the north sent the fishing fleet home three days early, and the harbour master warned that more bad weather is on its way.'];
    const text = ['Port hack traced abroad', '', ...para(4, 'intrusion').flatMap((p) => [p, '']), ...teasers].join('\n');
    const x = extractArticle({ name: 'teasers.txt', data: text }, settings);
    expect(x.body).toContain('day 4');
    for (const t of ['island ferries', 'crane taller', 'Storms in the north', 'More stories']) expect(x.body).not.toContain(t);
  });

  it('leaves out a list of headlines between the paragraphs of an article, and keeps the article on both sides', () => {
    const headlines = ['More from the coast', 'Ferry operator fined over a winter of delays on the island routes',
      'New crane arrives at the container terminal after a month at sea', 'Fishing fleet returns three days early as storms close in',
      'Harbour master warns of more bad weather on the way this week'];
    const text = ['Port hack traced abroad', '', ...para(3, 'intrusion').flatMap((p) => [p, '']), ...headlines, '',
      ...para(3, 'breach').flatMap((p) => [p, ''])].join('\n');
    const x = extractArticle({ name: 'links.txt', data: text }, settings);
    expect(x.body).toContain('day 3 that the intrusion');
    expect(x.body).toContain('day 3 that the breach');
    for (const h of headlines) expect(x.body).not.toContain(h);
  });

  it('keeps a paragraph of many words that its writer left without a full stop', () => {
    const lead = 'The port authority has this morning confirmed that the booking system of its ferries was entered from servers abroad last week';
    const text = ['Port hack traced abroad', 'August 08, 2018', lead, '', ...para(2, 'intrusion').flatMap((p) => [p, '']), 'Tags:', 'Latest News'].join('\n');
    const x = extractArticle({ name: 'stop.txt', data: text }, settings);
    expect(x.body.split('\n')).toContain(lead);
    expect(x.body).not.toContain('Latest News');
  });

  it('keeps a one-line lead and the list the last paragraph announces, and leaves out a teaser cut off with an ellipsis', () => {
    const dates = ['June 9 -- Harbour Hall, Westport', 'June 10 -- Quay Arena, Eastport', 'June 14 -- Dockside Theatre, Northport',
      'June 17 -- Pier Pavilion, Southport', 'June 19 -- Lighthouse Park, Bayport'];
    const text = ['Menu', 'Search', 'Port hack traced abroad', 'Engineers will visit every port affected by the attack.', '',
      ...para(3, 'intrusion').flatMap((p) => [p, '']), 'The engineers will visit these ports in June:', ...dates, '',
      'Share', 'More:', 'Ferry operator fined over delays', 'Ferries were delayed again on Monday, and the operator,...'].join('\n');
    const x = extractArticle({ name: 'list.txt', data: text }, settings);
    const body = x.body.split('\n');
    expect(body).toContain('Engineers will visit every port affected by the attack.');
    for (const d of dates) expect(body).toContain(d);
    for (const t of ['Ferry operator fined', 'delayed again', 'More:']) expect(x.body).not.toContain(t);
  });

  it('leaves out prose parted from the article by a long run of short lines (a box about the site under its categories)', () => {
    const categories = ['Leave a reply', 'Comment', 'Name *', 'Email *', 'Website', 'Categories', 'Ferries', 'Harbours', 'Shipping', 'Weather', 'Fishing', 'Tides', 'Lighthouses', 'Cargo', 'Events', 'About the blog'];
    const about = 'The Coastal Courier blog gathers the news of the harbours along the coast, from ferry timetables to the catch of the week, '
      + 'written by a small team of volunteers who have worked on the quays for most of their lives and still love it.';
    const text = ['Port hack traced abroad', '', ...para(3, 'intrusion').flatMap((p) => [p, '']), ...categories, '', about].join('\n');
    const x = extractArticle({ name: 'about.txt', data: text }, settings);
    expect(x.body).toContain('day 3');
    expect(x.body).not.toContain('volunteers');
  });
});

describe('the extract command', { timeout: 60_000 }, () => {
  it('reads .html.gz and .txt from a folder, one JSON object a line, and names a gzip bomb it refuses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newskg-extract-'));
    writeFileSync(join(dir, 'a.html.gz'), gzipSync(page(`<article>${para(4, 'outage').map((p) => `<p>${p}</p>`).join('')}</article>`)));
    writeFileSync(join(dir, 'b.txt'), ['Port outage', '', ...para(2, 'outage')].join('\n'));
    writeFileSync(join(dir, 'c.txt.gz'), gzipSync(Buffer.alloc(2_000_000, 'a')));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'extract', dir, '--max-file-bytes', '1000000'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file.replace(/.*\//, ''))).toEqual(['a.html.gz', 'b.txt']);
    expect(lines[0]).toMatchObject({ format: 'html', language: 'en' });
    expect(lines[0].body).toContain('the outage had been traced');
    expect(Object.keys(lines[1]).sort()).toEqual(['author', 'body', 'datePublished', 'file', 'format', 'headline', 'language', 'publisher']);
    expect(r.stderr).toMatch(/skipped .*c\.txt\.gz: .*decompresses to more than the 1000000-byte limit/);
  });
});

describe('articles not in English in a build', () => {
  it('keep their body and language; the English-only stages skip them with a warning', async () => {
    const { annotateArticle } = await import('../../src/pipeline/annotate.js');
    const { KnowledgeBase } = await import('../../src/kb/knowledge-base.js');
    const de = ['Die Hafenbehörde teilte am Dienstag mit, dass eine Gruppe ausländischer Hacker in die Computersysteme des Hafens eingedrungen sei.', '',
      'Nach Angaben der Behörde nutzten die Angreifer gestohlene Passwörter, um auf die Server der Schiffsplanung zuzugreifen, sagte Anna Schmidt.'].join('\n');
    const rec = annotateArticle({ name: 'de.txt', data: de }, KnowledgeBase.load(settings), settings);
    expect(rec.meta.language).toBe('de');
    expect(rec.text).toContain('Die Hafenbehörde');
    expect(rec.clusters).toEqual([]);
    expect(rec.warnings.some((w) => w.startsWith('not in English (de)'))).toBe(true);
  });
});
