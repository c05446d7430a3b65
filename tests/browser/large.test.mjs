// A 5,000-entry report (made by tripnotes-synth from the bundled one): the
// filters, search and read toggles still work, and the page renders only a
// window of entries until the reader scrolls.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, open, ready, summary, root, DESKTOP } from './harness.mjs';

const COUNT = 5000;
let report, server, browser;

before(async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tripnotes-')), 'report.json');
  execFileSync('cargo', ['run', '--quiet', '--bin', 'tripnotes-synth', '--', String(COUNT), file], { cwd: root, stdio: 'inherit' });
  const body = fs.readFileSync(file, 'utf8');
  report = JSON.parse(body);
  server = await serve({ overrides: { 'report.json': { body } } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const cards = (page) => page.locator('article.card').count();

describe(`a report of ${COUNT} entries`, () => {
  it('prints every entry of the view, even when scrolled to its end', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const day = report.days[1].id;
    const page = await open(context, `${server.url}?day=${day}`);
    await ready(page);
    const inDay = report.entries.filter((e) => e.day === day).length;
    assert.ok(inDay > 200, `${inDay} entries on ${day}`);
    // The end of the rendered window, where more entries load.
    for (let i = 0; i < 3; i++) {
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.waitForTimeout(150);
    }
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.waitForFunction((n) => document.querySelectorAll('article.card').length === n, inDay);
    await page.waitForTimeout(300);
    assert.equal(await cards(page), inDay);
    await context.close();
  });

  it('renders a window, grows it on scroll, and filters, searches and marks', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await open(context, server.url);
    await ready(page);
    assert.equal(await summary(page), `${COUNT} of ${COUNT} entries`);
    const first = await cards(page);
    assert.ok(first > 0 && first <= 200, `${first} entries rendered at first`);

    for (let i = 0; i < 5; i++) {
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.waitForTimeout(150);
    }
    const later = await cards(page);
    assert.ok(later > first && later < COUNT, `${later} entries after scrolling`);

    const day = report.days[2].id;
    await page.goto(`${server.url}?day=${day}`);
    await ready(page);
    const inDay = report.entries.filter((e) => e.day === day).length;
    assert.equal(await summary(page), `${inDay} of ${COUNT} entries`);
    assert.ok((await cards(page)) <= 200);

    await page.goto(server.url);
    await ready(page);
    await page.fill('#search_box', 'maslach');
    const expected = report.entries.filter((e) => JSON.stringify(e).toLowerCase().includes('maslach')).length;
    await page.waitForFunction((n) => document.querySelector('.summary .count').textContent.startsWith(`${n} of`), expected);
    assert.ok(expected > 0);

    // A permalink far beyond the rendered window lands on its entry.
    const far = report.entries[Math.floor(COUNT * 0.8)].id;
    await page.goto(`${server.url}#${far}`);
    await ready(page);
    await page.waitForFunction((id) => document.getElementById(id)?.querySelector('.notes'), far);
    await page.waitForTimeout(300);
    const top = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().top, far);
    assert.ok(top >= -1 && top < DESKTOP.height / 2, `the entry's top is at ${top}px`);
    assert.ok((await cards(page)) < COUNT, 'the window grew only as far as needed');

    await page.goto(server.url);
    await ready(page);
    await page.fill('#search_box', 'maslach');
    await page.waitForFunction((n) => document.querySelector('.summary .count').textContent.startsWith(`${n} of`), expected);
    const toggle = page.locator('article.card .read-toggle').first();
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.match(await page.textContent('.progress'), new RegExp(`1 of ${COUNT} entries read`));
    assert.deepEqual(page.errors.filter((e) => !e.includes('favicon')), []);
    await context.close();
  });
});
