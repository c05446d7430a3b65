// Tripnotes anywhere: offline after one visit, readable without scripts or
// WebAssembly, printable, and hosted under any sub-path.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, ready, controlled, shownIds, screenshot, bundledReport, PHONE, DESKTOP } from './harness.mjs';

const report = bundledReport();
const total = report.entries.length;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

describe('offline', () => {
  it('a new deploy reaches a returning reader, who keeps their marks', async () => {
    const overrides = {};
    const server = await serve({ overrides });
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await open(context, server.url);
    await ready(page);
    await controlled(page);
    await page.locator('#opening-remarks .read-toggle').click();
    const updated = bundledReport();
    updated.title = 'Conference Report: 2024 SREcon Americas (revised)';
    updated.entries = updated.entries.filter((e) => e.id !== 'the-art-of-sre');
    overrides['report.json'] = { body: JSON.stringify(updated) };
    await page.reload();
    await ready(page);
    assert.equal(await page.textContent('h1'), updated.title);
    assert.equal(await page.textContent('.summary .count'), `${total - 1} of ${total - 1} entries`);
    assert.equal(await page.locator('#opening-remarks .read-toggle').getAttribute('aria-pressed'), 'true');
    await context.close();
    await server.close();
  });

  it('works as before when the service worker cannot register', async () => {
    const server = await serve();
    const context = await browser.newContext({ viewport: DESKTOP, serviceWorkers: 'block' });
    const page = await open(context, server.url);
    await ready(page);
    await page.locator('#opening-remarks .read-toggle').click();
    assert.equal(await page.locator('#opening-remarks .read-toggle').getAttribute('aria-pressed'), 'true');
    assert.deepEqual(page.errors, []);
    await context.close();
    await server.close();
  });
});

describe('without scripts or WebAssembly', () => {
  let server;
  before(async () => { server = await serve(); });
  after(async () => { await server.close(); });

  it('with JavaScript off, shows every entry with its notes and a table of contents', async () => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url);
    const titles = await page.$$eval('article.card .card-title', (hs) => hs.map((h) => h.textContent));
    assert.deepEqual(titles, report.entries.map((e) => e.title));
    assert.equal(await page.locator('#oidc-and-ci-cd .notes').isVisible(), true);
    assert.equal(await page.locator('nav.toc a').count(), total + report.days.length);
    assert.equal(await page.locator('#search_box').count(), 0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `page is ${width}px wide`);
    await screenshot(page, 'no-script');
    assert.equal(await page.title(), report.title);
    assert.ok(await page.locator('meta[property="og:title"]').count());
    await context.close();
  });

  it('when WebAssembly fails to load, the static page stays readable', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    await context.route('**/*.wasm', (route) => route.abort());
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator('#frontend-design-in-sre .title-button').click();
    assert.equal(await page.locator('#frontend-design-in-sre .notes').isVisible(), true);
    assert.equal((await shownIds(page)).length, total);
    await context.close();
  });

  it('the app takes over the static page without a layout shift', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    await context.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const page = await open(context, server.url);
    await ready(page);
    await page.waitForTimeout(300);
    const shift = await page.evaluate(() => window.__shift);
    assert.ok(shift < 0.02, `cumulative layout shift ${shift}`);
    assert.equal(await page.locator('#static_report').count(), 0);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});

describe('print', () => {
  it('prints the current view with notes open and no controls', async () => {
    const server = await serve();
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await open(context, `${server.url}?day=2024-03-20`);
    await ready(page);
    await page.locator('#frontend-design-in-sre .read-toggle').click();
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    const shown = report.entries.filter((e) => e.day === '2024-03-20').length;
    await page.waitForFunction((n) => document.querySelectorAll('article.card .notes').length === n, shown);
    for (const selector of ['.searchbar', '#filter_panel', '.read-toggle']) {
      assert.equal(await page.locator(selector).first().isVisible(), false, `${selector} is printed`);
    }
    const tick = await page.evaluate(() => getComputedStyle(document.querySelector('#frontend-design-in-sre .title-button'), '::before').content);
    assert.match(tick, /✓/);
    const link = await page.evaluate(() => getComputedStyle(document.querySelector('.notes a[href^="http"]'), '::after').content);
    assert.match(link, /https:\/\/www\.usenix\.org/);
    await screenshot(page, 'print');
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.waitForFunction(() => document.querySelectorAll('article.card .notes').length === 0);
    await context.close();
    await server.close();
  });
});

describe('any path', () => {
  it('under /some/sub/path/ the app, report, service worker and manifest all load', async () => {
    const prefix = '/some/sub/path/';
    const server = await serve({ prefix });
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await open(context, server.url);
    const loaded = [];
    page.on('response', (r) => loaded.push([new URL(r.url()).pathname, r.status()]));
    await page.reload();
    await ready(page);
    await controlled(page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(new URL(scope).pathname, prefix);
    const manifest = await page.evaluate(async () => {
      const href = document.querySelector('link[rel=manifest]').href;
      const response = await fetch(href);
      return { path: new URL(href).pathname, status: response.status, body: await response.json() };
    });
    assert.equal(manifest.path, `${prefix}manifest.webmanifest`);
    assert.equal(manifest.status, 200);
    assert.equal(manifest.body.start_url, './');
    assert.ok(loaded.some(([p]) => p === `${prefix}report.json`), 'report.json loaded under the prefix');
    assert.ok(loaded.some(([p]) => p.startsWith(prefix) && p.endsWith('.wasm')), 'wasm loaded under the prefix');
    assert.ok(loaded.every(([p, status]) => p.startsWith(prefix) && status < 400), JSON.stringify(loaded));
    assert.equal(await page.textContent('.summary .count'), `${total} of ${total} entries`);
    assert.deepEqual(page.errors, []);
    await context.close();
    await server.close();
  });
});
