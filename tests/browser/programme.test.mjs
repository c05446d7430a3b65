// The real-size programme: the 36th Chaos Communication Congress (1,351
// events), imported from its schedule JSON and published with its own
// static page. Every event is there, a session after midnight stays on
// its conference day, and German words with umlauts are found. A reader's
// walk through it (rooms, stars, the calendar file) runs in every engine:
// every-engine/programme.test.mjs.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, ready, summary, programmeSite, PHONE, DESKTOP } from './harness.mjs';

let report, late, server, browser, site;

before(async () => {
  site = programmeSite();
  ({ report, late } = site);
  server = await serve({ dir: site.dir });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  site?.remove();
});

describe('the 36C3 programme', () => {
  it('has every event, in the static page and in the app', async () => {
    assert.equal(report.entries.length, 1351);
    const noScript = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
    const page = await noScript.newPage();
    await page.goto(server.url);
    const ids = await page.$$eval('article.card', (cards) => cards.map((c) => c.id));
    assert.deepEqual(new Set(ids), new Set(report.entries.map((e) => e.id)));
    await noScript.close();

    const context = await browser.newContext({ viewport: PHONE });
    const app = await open(context, server.url);
    await ready(app);
    assert.equal(await summary(app), '1351 of 1351 entries');
    // The day counts of the filter add up to every event.
    const counts = await app.$$eval('.days .segment .count', (c) => c.slice(1).map((e) => Number(e.textContent)));
    assert.equal(counts.length, report.days.length);
    assert.equal(counts.reduce((a, b) => a + b, 0), 1351);
    assert.deepEqual(app.errors, []);
    await context.close();
  });

  it('keeps a session after midnight on the conference day it is listed on', async () => {
    assert.ok(late, 'the programme has a session after midnight');
    assert.ok(report.days.some((d) => d.id === late.start_date), 'its calendar date is a conference day too');
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await open(context, `${server.url}?day=${late.day}&q=${encodeURIComponent(late.title)}`);
    await ready(page);
    assert.ok(await page.locator(`article[id="${late.id}"]`).isVisible());
    const label = await page.textContent(`article[id="${late.id}"] .card-label`);
    assert.ok(label.includes(late.start), label);
    await page.goto(`${server.url}?day=${late.start_date}&q=${encodeURIComponent(late.title)}`);
    // The app is up (its search box), whether or not anything matches.
    await page.waitForSelector('#search_box');
    assert.equal(await page.locator(`article[id="${late.id}"]`).count(), 0);
    await context.close();
  });

  it('finds a German word with an umlaut, typed as written', async () => {
    const entry = report.entries.find((e) => /\p{L}*ü\p{L}*/u.test(e.title));
    const word = entry.title.match(/\p{L}*ü\p{L}+/u)[0];
    const context = await browser.newContext({ viewport: PHONE });
    const page = await open(context, server.url);
    await ready(page);
    await page.locator('#search_box').pressSequentially(word.toLowerCase());
    await page.waitForFunction((id) => document.querySelector(`.ranked article[id="${id}"]`), entry.id);
    const title = await page.textContent(`.ranked article[id="${entry.id}"] .card-title`);
    assert.equal(title, entry.title);
    assert.ok(await page.locator(`.ranked article[id="${entry.id}"] mark`).count() > 0);
    await context.close();
  });
});
