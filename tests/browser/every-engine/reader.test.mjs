// A reader's walk through the bundled report, in every engine
// (engines/index.mjs): the app takes over the static page, every filter,
// search, Back and Forward, marks across a reload and across tabs, marks
// exported to a file and imported, a permalink, the phone's filter sheet
// by keyboard, offline with the server gone, storage that throws, and a
// report that fails to load. Expected counts come from report.json.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, ready, controlled, summary, renderAll, screenshot, bundledReport, shownIds, waitForShown, PHONE, DESKTOP } from '../harness.mjs';
import { engines, launch, beforeApp } from '../engines/index.mjs';

const report = bundledReport();
const total = report.entries.length;
const countWhere = (pred) => report.entries.filter(pred).length;
// Marks are scoped to the report and to the deployment's folder.
const KEY = 'tripnotes:v1:read:srecon24-americas:/';

/** No uncaught error, where the engine's driver can see them. */
function noErrors(page) {
  if (page.errors) assert.deepEqual(page.errors, []);
}

for (const engine of engines) {
  describe(engine, () => {
    let server, browser;
    before(async () => {
      server = await serve();
      browser = await launch(engine);
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    /** A new profile's tab at `url`, once the app has rendered. */
    async function visit(url = server.url, viewport = DESKTOP) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage(url);
      await ready(page);
      return { context, page };
    }

    describe('loading and reading', () => {
      it('the app takes over the static page, with the header, progress and every entry in report order', async () => {
        const { context, page } = await visit();
        assert.equal(await page.count('#static_report'), 0);
        assert.equal(await page.textContent('h1'), report.title);
        assert.match(await page.textContent('.report-meta'), /SREcon24 Americas · San Francisco, CA · 18–20 March 2024 · by Josh Simon/);
        assert.match(await page.textContent('.progress'), new RegExp(`0 of ${total} entries read`));
        assert.equal(await summary(page), `${total} of ${total} entries`);
        await screenshot(page, `${engine}-desktop`);
        await renderAll(page);
        assert.deepEqual(await shownIds(page), report.entries.map((e) => e.id));
        assert.equal(await page.count('h2.day-heading'), report.days.length);
        noErrors(page);
        await context.close();
      });

      it('a permalink to any entry lands on it, however far down and whatever the filters', async () => {
        for (const url of ['#closing-remarks', '?day=2024-03-17#closing-remarks', '?q=kernel#2024-03-21-notes']) {
          const { context, page } = await visit(`${server.url}${url}`);
          const id = decodeURIComponent(url.split('#')[1]);
          await page.waitForFunction((id) => document.getElementById(id)?.querySelector('.notes'), id);
          assert.equal(await page.getAttribute(`[id="${id}"] .title-button`, 'aria-expanded'), 'true');
          // Settled: the entry's top stays within the screen once layout is done.
          await page.waitForTimeout(300);
          const top = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().top, id);
          assert.ok(top >= -1 && top < DESKTOP.height / 2, `${url}: the entry's top is at ${top}px`);
          await context.close();
        }
      });
    });

    describe('filters and search', () => {
      it('filters by day, with counts on every option matching report.json', async () => {
        const { context, page } = await visit();
        // The first option is every day.
        const counts = await page.$$eval('.days .segment .count', (c) => c.slice(1).map((e) => e.textContent));
        assert.deepEqual(counts, report.days.map((day) => String(countWhere((e) => e.day === day.id))));
        for (const [i, day] of report.days.entries()) {
          const expected = countWhere((e) => e.day === day.id);
          await page.click('.days .segment', { nth: i + 1 });
          await waitForShown(page, expected);
          assert.equal(await summary(page), `${expected} of ${total} entries`);
          // The address bar follows once the new view is painted.
          await page.waitForFunction((id) => new URL(location.href).searchParams.get('day') === id, day.id);
        }
        await context.close();
      });

      it('combines tracks (any of) with a topic and a day; reload keeps the view, Back and Forward step through it', async () => {
        const { context, page } = await visit();
        await page.click('.chip-option', { hasText: 'Plenary' });
        await page.click('.chip-option', { hasText: 'Track 2' });
        const tracks = ['plenary', 'track-2'];
        await waitForShown(page, countWhere((e) => tracks.includes(e.track)));
        await page.click('.chip-option', { hasText: 'Incident response' });
        const combined = (e) => tracks.includes(e.track) && e.topics?.includes('incident-response');
        await waitForShown(page, countWhere(combined));
        await page.click('.days .segment', { hasText: 'Tue 19 Mar' });
        const withDay = (e) => combined(e) && e.day === '2024-03-19';
        const ofDay = report.entries.filter(withDay).map((e) => e.id);
        assert.deepEqual(await shownIds(page), ofDay);
        await page.waitForFunction(() => new URL(location.href).searchParams.get('day') === '2024-03-19');
        const params = new URL(await page.url()).searchParams;
        assert.equal(params.get('track'), 'plenary,track-2');
        assert.equal(params.get('topic'), 'incident-response');
        // The view is a link: reload keeps it.
        await page.reload();
        await ready(page);
        assert.deepEqual(await shownIds(page), ofDay);
        // Back undoes the last filter change, Forward redoes it.
        await page.goBack();
        await waitForShown(page, countWhere(combined));
        await page.goForward();
        await waitForShown(page, ofDay.length);
        assert.deepEqual(await shownIds(page), ofDay);
        // Clear shows everything again.
        await page.click('.active-filters .clear');
        assert.equal(await summary(page), `${total} of ${total} entries`);
        await context.close();
      });

      it('typing a search ranks title and speaker matches first, highlights them, and is one history step', async () => {
        const { context, page } = await visit(`${server.url}?day=2024-03-19`);
        const before = await page.evaluate(() => history.length);
        await page.fill('#search_box', 'burnout', { delay: 30 });
        // The address bar follows once typing pauses.
        await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'burnout');
        await page.waitForSelector('ol.ranked');
        const ids = await shownIds(page);
        assert.equal(ids[0], 'meeting-the-challenge-of-burnout');
        assert.equal(await page.textContent('#meeting-the-challenge-of-burnout .card-title mark'), 'Burnout');
        const matching = report.entries.filter((e) => e.day === '2024-03-19' && JSON.stringify(e).toLowerCase().includes('burnout')).length;
        assert.equal(ids.length, matching);
        assert.equal(await page.evaluate(() => history.length), before + 1);
        await page.goBack();
        await page.waitForFunction(() => document.querySelector('#search_box').value === '');
        assert.equal(new URL(await page.url()).searchParams.get('day'), '2024-03-19');
        assert.equal((await shownIds(page)).length, countWhere((e) => e.day === '2024-03-19'));
        await context.close();
      });
    });

    describe('marks', () => {
      it('a mark survives a reload and shows at once in a second tab; Unread only hides it', async () => {
        const { context, page } = await visit();
        const second = await context.newPage(server.url);
        await ready(second);
        const toggle = '#opening-remarks .read-toggle';
        await page.click(toggle);
        assert.equal(await page.getAttribute(toggle, 'aria-pressed'), 'true');
        assert.match(await page.textContent('.progress'), new RegExp(`1 of ${total} entries read`));
        await second.waitForFunction((t) => document.querySelector(t).getAttribute('aria-pressed') === 'true', toggle);
        await page.reload();
        await ready(page);
        assert.equal(await page.getAttribute(toggle, 'aria-pressed'), 'true');
        await page.click('.switch', { hasText: 'Unread only' });
        assert.equal(await summary(page), `${total - 1} of ${total} entries`);
        assert.ok(!(await shownIds(page)).includes('opening-remarks'));
        // Marking all shown read empties the view.
        await page.click('.read-tools button', { hasText: 'shown read' });
        assert.equal((await shownIds(page)).length, 0);
        assert.match(await page.textContent('.progress'), new RegExp(`${total} of ${total} entries read`));
        const stored = await page.evaluate((key) => localStorage.getItem(key), KEY);
        assert.equal(JSON.parse(stored).read.length, total);
        await context.close();
      });

      it('exports marks to a downloaded file and imports them in another profile', async () => {
        const { context, page } = await visit();
        for (const id of ['opening-remarks', 'the-art-of-sre']) {
          await page.click(`#${id} .read-toggle`);
          assert.equal(await page.getAttribute(`#${id} .read-toggle`, 'aria-pressed'), 'true', id);
        }
        const exported = await page.download(() => page.click('.read-tools button', { hasText: 'Export' }));
        assert.match(exported.name, /\.json$/);
        assert.deepEqual(JSON.parse(exported.text).read.sort(), ['opening-remarks', 'the-art-of-sre']);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tripnotes-marks-'));
        const file = path.join(dir, exported.name);
        fs.writeFileSync(file, exported.text);
        const other = await visit();
        assert.equal(await other.page.getAttribute('#opening-remarks .read-toggle', 'aria-pressed'), 'false');
        await other.page.setInputFiles('.read-tools input[type=file]', file);
        await other.page.waitForFunction(() => ['opening-remarks', 'the-art-of-sre']
          .every((id) => document.querySelector(`#${id} .read-toggle`).getAttribute('aria-pressed') === 'true'));
        assert.equal(await other.page.getAttribute('#oidc-and-ci-cd .read-toggle', 'aria-pressed'), 'false');
        await other.context.close();
        await context.close();
        fs.rmSync(dir, { recursive: true, force: true });
      });

      it('works from memory, with a notice, when localStorage throws', async () => {
        const blocked = await serve({
          overrides: beforeApp(() => {
            Object.defineProperty(window, 'localStorage', {
              get() { throw new DOMException('blocked', 'SecurityError'); },
            });
          }),
        });
        const { context, page } = await visit(blocked.url);
        assert.match(await page.textContent('.notice'), /will be lost when this tab closes/);
        const toggle = '#opening-remarks .read-toggle';
        await page.click(toggle);
        assert.equal(await page.getAttribute(toggle, 'aria-pressed'), 'true');
        noErrors(page);
        await context.close();
        await blocked.close();
      });
    });

    describe('phone', () => {
      it('the filter sheet opens by keyboard, takes the focus, and Escape gives it back', async () => {
        const { context, page } = await visit(server.url, PHONE);
        // As wide as the engine's window goes (MiniBrowser's narrowest is wider
        // than a phone, still under the wide layout's breakpoint).
        const [width, window] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
        assert.ok(width <= window, `page is ${width}px wide in a ${window}px window`);
        assert.equal(await page.isVisible('#filter_panel'), false);
        await page.focus('.filters-button');
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.activeElement?.textContent?.trim() === 'Close');
        assert.equal(await page.isVisible('#filter_panel'), true);
        await screenshot(page, `${engine}-phone-filters`);
        await page.keyboard.press('Escape');
        await page.waitForFunction(() => document.activeElement?.id === 'filters_button');
        assert.equal(await page.isVisible('#filter_panel'), false);
        await context.close();
      });
    });

    describe('offline', () => {
      it('after one visit, with the server gone, reloads, filters, searches and marks read', async () => {
        const gone = await serve();
        const { context, page } = await visit(gone.url, PHONE);
        await controlled(page);
        await gone.close();
        await page.reload();
        await ready(page);
        assert.equal(await summary(page), `${total} of ${total} entries`);
        await page.goto(`${gone.url}?day=2024-03-19`);
        await ready(page);
        // Past the first screen, cards arrive a slice per task.
        await waitForShown(page, countWhere((e) => e.day === '2024-03-19'));
        await page.fill('#search_box', 'mysql');
        await waitForShown(page, 1);
        const toggle = '#autopsy-of-a-cascading-outage-from-a-mysql .read-toggle';
        await page.click(toggle);
        assert.equal(await page.getAttribute(toggle, 'aria-pressed'), 'true');
        await context.close();
      });
    });

    describe('a report that fails to load', () => {
      /** A tab whose report.json is `override`, once the notice shows. */
      async function failing(override, viewport = DESKTOP) {
        const overrides = { 'report.json': override };
        const bad = await serve({ overrides });
        const context = await browser.newContext({ viewport });
        const page = await context.newPage(bad.url);
        await page.waitForSelector('.load-notice[role=alert]');
        return { page, overrides, close: async () => { await context.close(); await bad.close(); } };
      }

      /** The static report stays readable under the notice. */
      async function staticKept(page) {
        assert.equal(await page.count('#static_report article'), total);
        assert.equal(await page.textContent('#static_report h1'), report.title);
      }

      it('a refused report keeps the static page, names the entry and field, and Retry loads a fixed one', async () => {
        const broken = bundledReport();
        broken.entries[3].track = 'nowhere';
        const { page, overrides, close } = await failing({ body: JSON.stringify(broken) }, PHONE);
        await staticKept(page);
        assert.match(await page.textContent('.load-notice h2'), /breaks a rule/);
        assert.match(await page.textContent('.load-notice .detail'), new RegExp(`entry "${broken.entries[3].id}", field track`));
        delete overrides['report.json'];
        await page.click('.load-notice button', { hasText: 'Retry' });
        await ready(page);
        assert.equal(await page.count('#static_report'), 0);
        await close();
      });

      it('a damaged report, a server error or a dropped connection keeps the static page; Dismiss hides the notice', async () => {
        for (const [override, pattern] of [
          [{ body: '{"schema_version": 1, "id": ' }, /damaged/],
          [{ status: 503, body: 'busy' }, /did not send/],
          [{ drop: true }, /could not be downloaded/],
        ]) {
          const { page, close } = await failing(override);
          assert.match(await page.textContent('.load-notice h2'), pattern);
          await staticKept(page);
          await page.click('.load-notice button', { hasText: 'Dismiss' });
          assert.equal(await page.isVisible('.load-notice'), false);
          await staticKept(page);
          await close();
        }
      });
    });
  });
}
