// Read marks and stars in Chromium: two tabs at once, older builds' keys,
// two deployments on one origin, unreadable values and imports.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, open, ready, DESKTOP } from './harness.mjs';
import { server, browser, desktop, report } from './viewer.mjs';

describe('read-state', () => {
  // Marks are scoped to the report and to the deployment's folder.
  const KEY = 'tripnotes:v1:read:srecon24-americas:/';
  const LEGACY_KEY = 'tripnotes:v1:read:srecon24-americas';
  // Ids may start with a digit, which a #id selector cannot.
  const toggleOf = (page, id) => page.locator(`[id="${id}"] .read-toggle`);
  const pressed = (page, id) => toggleOf(page, id).getAttribute('aria-pressed');

  /**
   * A desktop page whose localStorage held `values` (key to stored text)
   * before the app started. The seeding is marked done in `once`, so that
   * a reload finds what the app wrote since.
   */
  async function seeded(values, once = 'sessionStorage') {
    const context = await browser.newContext({ viewport: DESKTOP });
    await context.addInitScript(([values, once]) => {
      if (!window[once].getItem('seeded')) {
        window[once].setItem('seeded', '1');
        for (const [key, value] of Object.entries(values)) localStorage.setItem(key, value);
      }
    }, [values, once]);
    const page = await open(context, server.url);
    await ready(page);
    return { context, page };
  }

  it('two tabs marking at the same moment keep both marks', async () => {
    const { context, page } = await desktop();
    const second = await open(context, server.url);
    await ready(second);
    const pairs = report.entries.slice(0, 12);
    for (let i = 0; i < pairs.length; i += 2) {
      await Promise.all([
        toggleOf(page, pairs[i].id).click(),
        toggleOf(second, pairs[i + 1].id).click(),
      ]);
    }
    await page.waitForTimeout(300);
    for (const tab of [page, second]) {
      await tab.reload();
      await ready(tab);
      for (const entry of pairs) assert.equal(await pressed(tab, entry.id), 'true', `${entry.id} lost`);
    }
    await context.close();
  });

  it('keeps marks of entries no longer in the report, and those of older builds', async () => {
    const { context, page } = await seeded({ [LEGACY_KEY]: JSON.stringify({ version: 1, read: ['gone-talk', 'opening-remarks'] }) }, 'localStorage');
    assert.equal(await pressed(page, 'opening-remarks'), 'true');
    await page.locator('#the-art-of-sre .read-toggle').click();
    const stored = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), KEY));
    assert.deepEqual(stored.read.sort(), ['gone-talk', 'opening-remarks', 'the-art-of-sre']);
    // The older build's value stays as it was.
    const legacy = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), LEGACY_KEY));
    assert.deepEqual(legacy.read, ['gone-talk', 'opening-remarks']);
    await context.close();
  });

  it('two deployments of one report on one origin keep their own marks', async () => {
    const both = await serve({ prefix: ['/a/', '/b/'] });
    const context = await browser.newContext({ viewport: DESKTOP });
    const a = await open(context, both.urls[0]);
    await ready(a);
    await a.locator('#opening-remarks .read-toggle').click();
    const b = await open(context, both.urls[1]);
    await ready(b);
    assert.equal(await pressed(b, 'opening-remarks'), 'false');
    await b.reload();
    await ready(b);
    assert.equal(await pressed(b, 'opening-remarks'), 'false');
    assert.equal(await pressed(a, 'opening-remarks'), 'true');
    await context.close();
    await both.close();
  });

  it('says when a stored value is unreadable, moves it aside and offers it as a file', async () => {
    const { context, page } = await seeded({ [KEY]: '{broken' });
    assert.match(await page.textContent('.notice'), /could not be read/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.notice button', { hasText: 'Download' }).click(),
    ]);
    assert.equal(fs.readFileSync(await download.path(), 'utf8'), '{broken');
    await page.locator('#opening-remarks .read-toggle').click();
    const saved = await page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
    const aside = Object.keys(saved).filter((k) => k.startsWith(`${KEY}:unreadable:`));
    assert.equal(aside.length, 1);
    assert.equal(saved[aside[0]], '{broken');
    assert.deepEqual(JSON.parse(saved[KEY]).read, ['opening-remarks']);
    await page.locator('.notice button', { hasText: 'Dismiss' }).click();
    assert.equal(await page.locator('.notice').count(), 0);
    await context.close();
  });

  it('tells about each unreadable list, and an import does not hide either', async () => {
    const starKey = KEY.replace(':read:', ':star:');
    const { context, page } = await seeded({ [KEY]: '{broken read', [starKey]: '{broken stars' });
    const notices = page.locator('.notice');
    assert.equal(await notices.count(), 2);
    assert.match(await notices.nth(0).textContent(), /saved read marks could not be read/);
    assert.match(await notices.nth(1).textContent(), /saved stars could not be read/);
    await page.locator('.read-tools input[type=file]').setInputFiles({ name: 'marks.json', mimeType: 'application/json', buffer: Buffer.from('not json') });
    await page.waitForFunction(() => document.querySelectorAll('.notice').length === 3);
    // In the status region that was on the page from the start.
    assert.equal(await page.locator('.notices[role=status] > .notice').count(), 3);
    await notices.nth(0).locator('button', { hasText: 'Dismiss' }).click();
    assert.equal(await notices.count(), 2);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      notices.nth(0).locator('button', { hasText: 'Download the unreadable stars' }).click(),
    ]);
    assert.equal(fs.readFileSync(await download.path(), 'utf8'), '{broken stars');
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('a huge marks file imports only this report\'s entries, and later marks still save', async () => {
    const { context, page } = await desktop();
    const read = [report.entries[0].id, report.entries[1].id];
    for (let i = 0; i < 150000; i++) read.push(`not-in-this-report-${i}`);
    const buffer = Buffer.from(JSON.stringify({ format: 'tripnotes-read-state', version: 1, report: report.id, read }));
    assert.ok(buffer.length > 4e6);
    await page.setInputFiles('.read-tools input[type=file]', { name: 'marks.json', mimeType: 'application/json', buffer });
    await page.waitForFunction(() => /Imported 2 read marks; 150000 entries/.test(document.querySelector('.notice')?.textContent ?? ''));
    await toggleOf(page, report.entries[2].id).click();
    await page.reload();
    await ready(page);
    for (const entry of report.entries.slice(0, 3)) assert.equal(await pressed(page, entry.id), 'true');
    const stored = await page.evaluate((key) => localStorage.getItem(key), KEY);
    assert.ok(stored.length < 2000, `stored ${stored.length} bytes`);
    // A file too large to be a marks file is refused before it is read.
    const huge = Buffer.alloc(5 * 1024 * 1024, ' ');
    await page.setInputFiles('.read-tools input[type=file]', { name: 'big.json', mimeType: 'application/json', buffer: huge });
    await page.waitForFunction(() => /too large/.test(document.querySelector('.notice')?.textContent ?? ''));
    await context.close();
  });
});
