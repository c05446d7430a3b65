// Reading the bundled report in Chromium: an entry opened in place, every
// entry in the page, ids that clash with the page's own, and the error page.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, open, ready, summary, shownIds, bundledReport, dist, DESKTOP } from './harness.mjs';
import { browser, desktop, report, total, countWhere } from './viewer.mjs';

describe('loading and reading', () => {
  it('opens an entry in place with lists, editor notes and links', async () => {
    const { context, page } = await desktop();
    const card = page.locator('#oidc-and-ci-cd');
    const title = card.locator('.title-button');
    assert.equal(await title.getAttribute('aria-expanded'), 'false');
    await title.click();
    assert.equal(await title.getAttribute('aria-expanded'), 'true');
    const entry = report.entries.find((e) => e.id === 'oidc-and-ci-cd');
    const numbered = entry.body.filter((b) => b.type === 'numbered').length;
    assert.equal(await card.locator('.notes ol li').count(), numbered);
    assert.equal(await card.locator('.notes .editor-note').count(), entry.body.filter((b) => b.type === 'editor-note').length);
    const official = card.locator('.entry-links a[rel="noopener noreferrer"]');
    assert.equal(await official.getAttribute('href'), entry.url);
    assert.equal(await card.locator('.speakers').textContent(), 'Mark Hahn (Qualys), Ted Hahn (TCB Technologies)');
    await context.close();
  });

  it('every entry of the view is in the page, so find-in-page finds the last one', async () => {
    const { context, page } = await desktop();
    // Cards below the first screen arrive a slice per task after it.
    await page.waitForFunction((n) => document.querySelectorAll('article[id]').length === n, total, { timeout: 5000 });
    assert.equal(await summary(page), `${total} of ${total} entries`);
    const last = report.entries.at(-1).title;
    assert.ok(await page.evaluate((text) => window.find(text), last), `find-in-page misses "${last}"`);
    await context.close();
  });

  it('an entry whose id is a word the page uses itself breaks nothing', async () => {
    const clashing = bundledReport();
    const names = ['search', 'filters', 'results', 'static', 'notes-opening-remarks'];
    names.forEach((name, i) => { clashing.entries[i].id = name; });
    const other = await serve({ overrides: { 'report.json': { body: JSON.stringify(clashing) } } });
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await open(context, `${other.url}#search`);
    await ready(page);
    await page.waitForFunction(() => document.getElementById('search')?.querySelector('.notes'));
    assert.equal(await page.locator('[id="search"]').count(), 1);
    await page.locator('.days .segment', { hasText: 'Tue 19 Mar' }).click();
    assert.equal((await shownIds(page)).length, countWhere((e) => e.day === '2024-03-19'));
    await page.fill('#search_box', 'kernel');
    await page.waitForFunction(() => document.querySelector('ol.ranked'));
    assert.ok((await shownIds(page)).length > 0);
    for (const name of names) assert.ok(await page.locator(`[id="${name}"]`).count() <= 1, `${name} is used twice`);
    assert.deepEqual(page.errors, []);
    await context.close();
    await other.close();
  });
});

describe('bad input', () => {
  it('a page built without the static report shows an error page with Retry', async () => {
    const built = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    const bare = built.replace(/<!--prerendered body-->[\s\S]*<!--\/prerendered body-->/, '');
    assert.notEqual(bare, built);
    const bad = await serve({ overrides: { 'index.html': { body: bare }, 'report.json': { status: 503 } } });
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await open(context, bad.url);
    await page.waitForSelector('.error-page');
    assert.match(await page.textContent('.error-page .detail'), /503/);
    assert.equal(await page.getByRole('button', { name: 'Retry' }).count(), 1);
    await context.close();
    await bad.close();
  });
});
