// The viewer in headless Chromium, driven as a reader drives it: click,
// type, reload, open a second tab. Expected counts come from report.json.
// A reader's walk through it runs in every engine (reader.test.mjs).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, open, ready, settled, summary, screenshot, bundledReport, shownIds, dist, PHONE, DESKTOP } from './harness.mjs';

const report = bundledReport();
const total = report.entries.length;
const countWhere = (pred) => report.entries.filter(pred).length;

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function desktop(url = server.url) {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await open(context, url);
  await ready(page);
  return { context, page };
}

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

  it('a permalink opens its entry and scrolls to it, even under hiding filters', async () => {
    const id = 'autopsy-of-a-cascading-outage-from-a-mysql';
    const { context, page } = await desktop(`${server.url}?day=2024-03-18#${id}`);
    const card = page.locator(`#${id}`);
    await page.waitForFunction((id) => document.querySelector(`#${id} .notes`), id);
    assert.equal(await card.locator('.title-button').getAttribute('aria-expanded'), 'true');
    await page.waitForFunction((id) => {
      const r = document.getElementById(id).getBoundingClientRect();
      return r.top >= -1 && r.top < window.innerHeight;
    }, id);
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

describe('filters', () => {
  it('a tap shows its choice in the next frame; the list follows after it, marked busy until then', async () => {
    const { context, page } = await desktop();
    await page.evaluate(() => {
      window.__frames = 0;
      const count = () => { window.__frames++; requestAnimationFrame(count); };
      requestAnimationFrame(count);
      const main = document.querySelector('main');
      window.__seen = [];
      new MutationObserver(() => window.__seen.push({
        busy: main.getAttribute('aria-busy'),
        frame: window.__frames,
        checked: document.querySelectorAll('.days .segment input')[1].checked,
        shown: [...document.querySelectorAll('article.card')].filter((c) => c.checkVisibility()).length,
      })).observe(main, { attributes: true, attributeFilter: ['aria-busy'] });
    });
    await page.locator('.days .segment').nth(1).click();
    await settled(page);
    const seen = await page.evaluate(() => window.__seen);
    assert.deepEqual(seen.map((s) => s.busy), ['true', null]);
    // Busy from the tap's own task: the option is checked, the old list still shown.
    assert.equal(seen[0].checked, true);
    assert.equal(seen[0].shown, total);
    // The new list comes after a frame has painted the checked option.
    assert.ok(seen[1].frame > seen[0].frame, `list built in frame ${seen[1].frame}, tap in frame ${seen[0].frame}`);
    assert.equal(seen[1].shown, countWhere((e) => e.day === report.days[0].id));
    await context.close();
  });

  it('ignores unknown and malformed parameters', async () => {
    const { context, page } = await desktop(`${server.url}?day=2024-13-40&track=nope,plenary&topic=&unread=maybe&zzz=1`);
    assert.equal((await shownIds(page)).length, countWhere((e) => e.track === 'plenary'));
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});

describe('search', () => {
  it('typing fast on a slow phone loses no letter, and the list follows the whole word', async () => {
    const { context, page } = await desktop();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.locator('#search_box').pressSequentially('observability', { delay: 0 });
    assert.equal(await page.inputValue('#search_box'), 'observability');
    const ids = await shownIds(page);
    assert.ok(ids.length > 0 && ids.length < total, `${ids.length} entries shown`);
    for (const id of ids) {
      assert.match(await page.textContent(`[id="${id}"]`), /observability/i);
    }
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'observability');
    await context.close();
  });

  it('a pause in typing does not add a history step of its own', async () => {
    const { context, page } = await desktop(`${server.url}?day=2024-03-19`);
    const before = await page.evaluate(() => history.length);
    const box = page.locator('#search_box');
    await box.pressSequentially('ker', { delay: 30 });
    // Long enough for the address bar to follow the first part.
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'ker');
    await box.pressSequentially('nel', { delay: 30 });
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'kernel');
    assert.equal(await page.evaluate(() => history.length), before + 1);
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('#search_box').value === '');
    assert.equal(new URL(page.url()).searchParams.get('day'), '2024-03-19');
    await context.close();
  });

  it('ignores case and accents and needs every word', async () => {
    const { context, page } = await desktop();
    await page.fill('#search_box', 'GAGNE');
    assert.deepEqual(await shownIds(page), ['autopsy-of-a-cascading-outage-from-a-mysql']);
    await page.fill('#search_box', 'gagne zebra');
    assert.equal((await shownIds(page)).length, 0);
    assert.match(await page.textContent('.nothing'), /Nothing matches/);
    await context.close();
  });

  it('"/" focuses search and Escape clears it', async () => {
    const { context, page } = await desktop();
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'search_box');
    await page.keyboard.type('maps');
    assert.notEqual(await summary(page), `${total} of ${total} entries`);
    await page.keyboard.press('Escape');
    assert.equal(await page.inputValue('#search_box'), '');
    assert.equal(await summary(page), `${total} of ${total} entries`);
    await context.close();
  });
});

describe('keyboard', () => {
  it('reaches search, filters and cards with Tab, with a visible focus ring', async () => {
    const { context, page } = await desktop();
    const focused = () => page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      const label = el.closest('label');
      const ring = label ? getComputedStyle(label) : style;
      return { tag: el.tagName, id: el.id, cls: el.className, outline: ring.outlineStyle, width: parseFloat(ring.outlineWidth) };
    });
    await page.keyboard.press('Tab');
    assert.match((await focused()).cls, /skip-link/);
    await page.keyboard.press('Tab');
    assert.equal((await focused()).id, 'search_box');
    const seen = new Set();
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      assert.notEqual(f.outline, 'none', `no focus ring on ${f.tag}.${f.cls}`);
      assert.ok(f.width >= 2, `thin focus ring on ${f.tag}.${f.cls}`);
      seen.add(f.cls.split(' ')[0] || f.tag);
    }
    for (const kind of ['INPUT', 'button', 'title-button', 'read-toggle']) {
      assert.ok(seen.has(kind), `Tab never reached ${kind}: ${[...seen]}`);
    }
    // Space on a focused read toggle marks the entry.
    await page.locator('#opening-remarks .read-toggle').focus();
    await page.keyboard.press('Space');
    assert.equal(await page.locator('#opening-remarks .read-toggle').getAttribute('aria-pressed'), 'true');
    await context.close();
  });
});

describe('read-state', () => {
  // Marks are scoped to the report and to the deployment's folder.
  const KEY = 'tripnotes:v1:read:srecon24-americas:/';
  const LEGACY_KEY = 'tripnotes:v1:read:srecon24-americas';
  // Ids may start with a digit, which a #id selector cannot.
  const toggleOf = (page, id) => page.locator(`[id="${id}"] .read-toggle`);
  const pressed = (page, id) => toggleOf(page, id).getAttribute('aria-pressed');

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
    const context = await browser.newContext({ viewport: DESKTOP });
    await context.addInitScript((key) => {
      if (!localStorage.getItem('seeded')) {
        localStorage.setItem('seeded', '1');
        localStorage.setItem(key, JSON.stringify({ version: 1, read: ['gone-talk', 'opening-remarks'] }));
      }
    }, LEGACY_KEY);
    const page = await open(context, server.url);
    await ready(page);
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
    const context = await browser.newContext({ viewport: DESKTOP });
    await context.addInitScript((key) => {
      if (!sessionStorage.getItem('seeded')) {
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem(key, '{broken');
      }
    }, KEY);
    const page = await open(context, server.url);
    await ready(page);
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
    const context = await browser.newContext({ viewport: DESKTOP });
    await context.addInitScript(([read, star]) => {
      if (!sessionStorage.getItem('seeded')) {
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem(read, '{broken read');
        localStorage.setItem(star, '{broken stars');
      }
    }, [KEY, starKey]);
    const page = await open(context, server.url);
    await ready(page);
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

describe('phone', () => {
  it('fits 360x640 without horizontal scrolling, with filters in a sheet', async () => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await open(context, server.url);
    await ready(page);
    await screenshot(page, 'phone');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `page is ${width}px wide`);
    assert.equal(await page.locator('#filter_panel').isVisible(), false);
    const button = page.locator('.filters-button');
    await button.tap();
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    assert.equal(await page.locator('#filter_panel').isVisible(), true);
    await page.locator('.days .segment', { hasText: 'Wed 20 Mar' }).tap();
    await screenshot(page, 'phone-filters');
    const expected = countWhere((e) => e.day === '2024-03-20');
    const show = page.locator('.panel-foot .button');
    assert.equal(await show.textContent(), `Show ${expected} entries`);
    await show.tap();
    assert.equal(await page.locator('#filter_panel').isVisible(), false);
    assert.match(await button.textContent(), /Filters\s*1/);
    // Touch targets are at least 44px.
    for (const selector of ['.read-toggle', '.filters-button', '#search_box', '.chip.removable']) {
      const box = await page.locator(`${selector}:visible`).first().boundingBox();
      assert.ok(box.height >= 44, `${selector} is ${box.height}px tall`);
    }
    const after = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(after <= PHONE.width, `page is ${after}px wide with filters`);
    await context.close();
  });
});

describe('focus', () => {
  const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? '');

  it('behind the open filter sheet the page is out of reach, until the window grows wide', async () => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await open(context, server.url);
    await ready(page);
    await page.locator('.filters-button').tap();
    await page.waitForFunction(() => document.activeElement?.textContent?.trim() === 'Close');
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const where = await page.evaluate(() => {
        const el = document.activeElement;
        return !el || el === document.body ? 'nowhere' : el.closest('#filter_panel') ? 'sheet' : el.outerHTML.slice(0, 80);
      });
      assert.ok(where === 'sheet' || where === 'nowhere', `Tab ${i + 1} reached ${where}`);
    }
    assert.equal(await page.locator('main[inert]').count(), 1);
    await page.setViewportSize(DESKTOP);
    await page.waitForFunction(() => !document.querySelector('[inert]'));
    await page.locator('#search_box').click();
    await page.keyboard.type('kernel');
    await page.waitForFunction(() => document.querySelector('#search_box').value === 'kernel');
    await context.close();
  });

  it('marking an entry read under "unread only" moves the focus to the next entry\'s toggle', async () => {
    const { context, page } = await desktop(`${server.url}?unread=1`);
    const [first, second, third] = await shownIds(page);
    await page.locator(`[id="${first}"] .read-toggle`).focus();
    await page.keyboard.press('Space');
    await page.waitForFunction((id) => document.activeElement?.closest('article')?.id === id, second);
    await page.keyboard.press('Space');
    await page.waitForFunction((id) => document.activeElement?.closest('article')?.id === id, third);
    assert.equal((await shownIds(page))[0], third);
    await context.close();
  });

  it('removing a filter chip or clearing leaves the focus on the list, not on nothing', async () => {
    const { context, page } = await desktop(`${server.url}?day=2024-03-19&track=plenary`);
    await page.locator('.active-filters .chip.removable').first().focus();
    await page.keyboard.press('Enter');
    assert.equal(await focusedId(page), 'entry_list');
    await page.locator('.active-filters .clear').focus();
    await page.keyboard.press('Enter');
    assert.equal(await focusedId(page), 'entry_list');
    await page.waitForFunction(() => !new URL(location.href).search);
    await context.close();
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
