// The static page and the app render every card from the same components,
// so they cannot drift: loaded with scripts off and on, every entry shows
// the same title, label, speakers, topics, media, official link and
// permalink. (Without scripts every note is open; in the app a reader
// opens them, which this test does by clicking each title.)
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, open, ready, copySite, prerender, cargoRun, dist, DESKTOP } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** What a reader can see of each card, in page order. */
function cardFacts(page) {
  return page.$$eval('article.card', (cards) => cards.map((card) => {
    const text = (selector) => card.querySelector(selector)?.textContent.trim() ?? null;
    const official = card.querySelector('.entry-links a:not(.permalink)');
    return {
      id: card.id,
      title: text('.card-title'),
      label: text('.card-label'),
      speakers: text('.speakers'),
      topics: [...card.querySelectorAll('.topics li')].map((li) => li.textContent.trim()),
      media: [...card.querySelectorAll('.media')].map((m) => [m.textContent.trim(), m.getAttribute('href')]),
      official: official && [official.textContent.trim(), official.getAttribute('href'), official.getAttribute('rel')],
      permalink: card.querySelector('.permalink')?.getAttribute('href') ?? null,
    };
  }));
}

async function staticFacts(url) {
  const context = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(url);
  const facts = await cardFacts(page);
  await context.close();
  return facts;
}

async function appFacts(url, total) {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await open(context, url);
  await ready(page);
  await page.waitForFunction((n) => document.querySelectorAll('article.card').length === n, total);
  for (const button of await page.locator('article.card .title-button').all()) {
    await button.click();
  }
  await page.waitForFunction((n) => document.querySelectorAll('article.card .permalink').length === n, total);
  const facts = await cardFacts(page);
  assert.deepEqual(page.errors, []);
  await context.close();
  return facts;
}

async function assertSame(url, report) {
  const total = report.entries.length;
  const without = await staticFacts(url);
  const withScripts = await appFacts(url, total);
  assert.equal(without.length, total);
  assert.deepEqual(without.map((f) => f.id), report.entries.map((e) => e.id));
  for (let i = 0; i < total; i++) {
    assert.deepEqual(withScripts[i], without[i], `entry ${without[i].id}`);
  }
  // The facts are really there, not empty on both sides.
  assert.ok(without.every((f) => f.title && f.label && f.permalink === `#${f.id}`));
  assert.ok(without.some((f) => f.speakers) && without.some((f) => f.topics.length));
  assert.ok(without.some((f) => f.media.length) && without.some((f) => f.official));
}

describe('the static page and the app', () => {
  it('show the same facts for every entry of the bundled report', async () => {
    const server = await serve();
    try {
      const report = JSON.parse(fs.readFileSync(path.join(dist, 'report.json'), 'utf8'));
      await assertSame(server.url, report);
    } finally {
      await server.close();
    }
  });

  it('show the same facts for every entry of a synthetic report', async () => {
    // A copy of the build with a synthetic report, its static page
    // rendered by the build step.
    const { dir, file } = copySite((file) => cargoRun('tripnotes-synth', ['120', file]), { prefix: 'tripnotes-drift-' });
    prerender(dir);
    const report = JSON.parse(fs.readFileSync(file, 'utf8'));
    const server = await serve({ dir });
    try {
      await assertSame(server.url, report);
    } finally {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
