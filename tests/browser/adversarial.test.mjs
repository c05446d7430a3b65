// Hostile and broken report files: for each case of the adversarial corpus
// (tests/adversarial/generate.mjs, written afresh into a temporary folder),
// the built app is served with that file as report.json. A report that
// renders shows its text as text and runs none of it; a refused report
// leaves the static page built into index.html readable under a notice that
// says what is wrong, with Retry and Dismiss. Nothing panics.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, open, root, bundledReport, DESKTOP } from './harness.mjs';

const corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'tripnotes-adversarial-'));
execFileSync(process.execPath, [path.join(root, 'tests/adversarial/generate.mjs'), corpus], { stdio: 'ignore' });
const cases = JSON.parse(fs.readFileSync(path.join(corpus, 'cases.json'), 'utf8'));

// Ordinary cases load in well under a second; the 5 MB note and the
// 50,000 entries are parsed, validated and indexed in the page first.
const TIMEOUT = 20000;
const BIG_TIMEOUT = 60000;

let browser;
before(async () => { browser = await launch(); });
after(async () => {
  await browser?.close();
  fs.rmSync(corpus, { recursive: true, force: true });
});

const byId = (id) => `[id="${id}"]`;

/** What of the report's text could have become markup or run. */
async function injected(page) {
  // An img with a failing src runs its onerror a moment after insertion.
  await page.waitForTimeout(300);
  return page.evaluate(() => ({
    pwned: typeof window.__pwned,
    images: [...document.querySelectorAll('img')].map((e) => e.outerHTML.slice(0, 120)),
    handlers: [...document.querySelectorAll('[onerror], [onload], [onclick]')].map((e) => e.outerHTML.slice(0, 120)),
    scripts: [...document.scripts].filter((s) => s.textContent.includes('__pwned')).map((s) => s.outerHTML.slice(0, 120)),
    // Only in-page anchors and absolute web links: no javascript:, data:,
    // relative or space-prefixed address may reach a reader.
    links: [...document.querySelectorAll('a[href]')]
      .map((a) => a.getAttribute('href'))
      .filter((href) => !/^(#|https?:\/\/[^/\s])/.test(href)),
  }));
}

/**
 * Whichever comes first: the app's view of the report ("app"), or an alert
 * ("alert CLASS: TEXT"), so a wrong outcome fails at once and says what the
 * reader got instead.
 */
async function outcome(page, timeout) {
  const found = await page.waitForFunction(() => {
    const counts = [...document.querySelectorAll('.summary .count')];
    if (counts.some((count) => !count.closest('#static_report'))) return 'app';
    const alert = document.querySelector('[role=alert]');
    return alert ? `alert ${alert.className}: ${alert.textContent}` : false;
  }, null, { timeout });
  return found.jsonValue();
}

async function renders(page, c, t, started) {
  const timeout = c.big ? BIG_TIMEOUT : TIMEOUT;
  assert.equal(await outcome(page, timeout), 'app', 'the app renders the report');
  if (c.count === 0) {
    // No cards to wait for: the header's count says the report is empty.
    await page.waitForFunction(
      () => document.querySelector('.summary .count')?.textContent === '0 of 0 entries',
      null,
      { timeout },
    );
  } else {
    await page.waitForSelector('article.card button.read-toggle', { timeout });
  }
  t.diagnostic(`rendered in ${Date.now() - started} ms (${(c.bytes / 1024 / 1024).toFixed(2)} MB)`);
  assert.equal(await page.locator('#static_report').count(), 0, 'the app replaced the static page');
  if (c.count !== undefined) {
    assert.equal(await page.textContent('.summary .count'), `${c.count} of ${c.count} entries`);
  }
  for (const [id, title] of Object.entries(c.titles ?? {})) {
    assert.equal(await page.locator(`${byId(id)} .card-title`).textContent(), title, `title of ${id}`);
  }
  if (c.notes) {
    const card = page.locator(byId(c.notes.entry));
    await card.locator('.title-button').click();
    const notes = card.locator('.notes');
    await notes.waitFor({ timeout });
    assert.ok((await notes.textContent()).includes(c.notes.text), `the notes of ${c.notes.entry} show the text as text`);
  }
  for (const query of c.search?.queries ?? []) {
    // From the unfiltered list each time, so a result is never the last one's.
    await page.fill('#search_box', '');
    await page.waitForFunction(() => !document.querySelector('ol.ranked'));
    await page.fill('#search_box', query);
    const expected = [c.search.entry];
    await page.waitForFunction(
      (ids) => JSON.stringify([...document.querySelectorAll('ol.ranked article.card')].map((a) => a.id)) === JSON.stringify(ids),
      expected,
      { timeout: 5000 },
    ).catch(() => {});
    const shown = await page.locator('ol.ranked article.card').evaluateAll((cards) => cards.map((a) => a.id));
    assert.deepEqual(shown, expected, `search ${JSON.stringify(query)}`);
  }
}

async function refused(page, c, t, started) {
  assert.match(await outcome(page, TIMEOUT), /^alert [^:]*\bload-notice\b/, 'a notice over the static page');
  const notice = page.locator('.load-notice[role=alert]');
  t.diagnostic(`refused in ${Date.now() - started} ms`);
  const text = await notice.textContent();
  if (c.parse) {
    assert.match(text, /not (a )?readable/i, `says the file is not readable: ${text}`);
  }
  if (c.entry) {
    assert.ok(text.includes(`entry "${c.entry}"`), `names entry "${c.entry}": ${text}`);
  }
  if (c.field) {
    assert.ok(text.includes(`field ${c.field}`), `names field ${c.field}: ${text}`);
  }
  const articles = await page.locator('#static_report article').count();
  assert.ok(articles > 0, 'the static report is still on screen');
  assert.equal(await notice.getByRole('button', { name: 'Retry', exact: true }).count(), 1);
  const dismiss = notice.getByRole('button', { name: 'Dismiss', exact: true });
  assert.equal(await dismiss.count(), 1);
  await dismiss.click();
  await notice.waitFor({ state: 'hidden', timeout: TIMEOUT });
  assert.equal(await page.locator('#static_report article').count(), articles, 'dismissing keeps the static report');
}

describe('adversarial reports', () => {
  it('the corpus covers both outcomes and derives from the bundled report', () => {
    assert.ok(cases.some((c) => c.expect === 'renders'));
    assert.ok(cases.some((c) => c.expect === 'refused' && c.entry && c.field));
    assert.ok(cases.some((c) => c.expect === 'refused' && c.parse));
    const { id } = bundledReport();
    for (const c of cases) {
      assert.ok(['renders', 'refused'].includes(c.expect), c.name);
      const text = fs.readFileSync(path.join(corpus, c.file), 'utf8');
      if (!c.parse) assert.equal(JSON.parse(text).id, id, `${c.name} is the bundled report, changed`);
    }
  });

  for (const c of cases) {
    it(`${c.name}: ${c.about} (${c.expect})`, { timeout: (c.big ? BIG_TIMEOUT : TIMEOUT) + 30000 }, async (t) => {
      const body = fs.readFileSync(path.join(corpus, c.file));
      const server = await serve({ overrides: { 'report.json': { body } } });
      const context = await browser.newContext({ viewport: DESKTOP });
      let page;
      try {
        const started = Date.now();
        page = await open(context, server.url);
        if (c.expect === 'renders') {
          await renders(page, c, t, started);
        } else {
          await refused(page, c, t, started);
        }
        const panics = page.errors.filter((e) => /panicked|unreachable/i.test(e));
        assert.deepEqual(panics, [], 'no panic');
        const csp = page.errors.filter((e) => /Content Security Policy/i.test(e));
        assert.deepEqual(csp, [], 'nothing from the report tried to run');
        assert.deepEqual(await injected(page), { pwned: 'undefined', images: [], handlers: [], scripts: [], links: [] });
      } catch (error) {
        // A panic shows up as a missing outcome: say what the page reported.
        if (page?.errors.length) error.message += `\npage errors:\n${page.errors.join('\n')}`;
        throw error;
      } finally {
        await context.close();
        await server.close();
      }
    });
  }
});
