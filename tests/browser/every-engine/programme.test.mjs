// A reader's walk through the real-size programme, the 36th Chaos
// Communication Congress (1,351 events), in every engine
// (engines/index.mjs): its folded room filter, stars across a reload and
// in a second tab, and the calendar file of starred sessions.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, ready, summary, programmeSite, shownIds, PHONE, DESKTOP } from '../harness.mjs';
import { engines, launch } from '../engines/index.mjs';

let report, late, server, site;

before(async () => {
  site = programmeSite();
  ({ report, late } = site);
  server = await serve({ dir: site.dir });
});
after(async () => {
  await server?.close();
  site?.remove();
});

for (const engine of engines) {
  describe(`the 36C3 programme in ${engine}`, () => {
    let browser;
    before(async () => { browser = await launch(engine); });
    after(async () => { await browser?.close(); });

    /** A new profile's tab at `url`, once the app has rendered. */
    async function visit(url, viewport) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage(url);
      await ready(page);
      return { context, page };
    }

    it('folds its long filters; a room chosen on a phone filters with its count and stays in the address', async () => {
      const { context, page } = await visit(server.url, PHONE);
      await page.click('.filters-button');
      const folds = await page.$$eval('.panel details.fold summary', (s) => s.map((e) => e.textContent));
      assert.deepEqual(folds, [
        // A facet with no options (36C3 tags no event) shows no fold.
        ...[['Track', report.tracks], ['Topic', report.topics], ['Room', report.rooms]]
          .filter(([, options]) => options.length > 0)
          .map(([name, options]) => `${name}${options.length} options`),
      ]);
      // Folded lists are not rendered until opened.
      assert.equal(await page.count('.panel .chip-option'), 0);
      await page.click('.panel details.fold summary', { hasText: 'Room' });
      const options = '.panel details.fold[open] .chip-option';
      await page.waitForSelector(options);
      const labels = await page.$$eval(`${options} span:first-of-type`, (s) => s.map((e) => e.textContent));
      assert.equal(labels.length, report.rooms.length);
      // The room with the most events, counted from the report itself.
      const perRoom = new Map();
      for (const e of report.entries) if (e.room) perRoom.set(e.room, (perRoom.get(e.room) ?? 0) + 1);
      const [roomId, count] = [...perRoom].sort((a, b) => b[1] - a[1])[0];
      const at = labels.indexOf(report.rooms.find((r) => r.id === roomId).label);
      const counts = await page.$$eval(`${options} .count`, (c) => c.map((e) => Number(e.textContent)));
      assert.equal(counts[at], count);
      await page.click(options, { nth: at });
      assert.equal(await summary(page), `${count} of 1351 entries`);
      await page.waitForFunction((id) => new URL(location.href).searchParams.get('room') === id, roomId);
      assert.match(await page.textContent('.panel details.fold[open] summary'), new RegExp(`1 of ${report.rooms.length} chosen`));
      // Reloaded, the address opens the fold with the room chosen.
      await page.reload();
      await ready(page);
      assert.equal(await summary(page), `${count} of 1351 entries`);
      await page.click('.filters-button');
      const chosen = '.panel details.fold[open] .chip-option:has(input:checked) span:first-of-type';
      await page.waitForSelector(chosen);
      assert.deepEqual(await page.$$eval(chosen, (s) => s.map((e) => e.textContent)), [labels[at]]);
      if (page.errors) assert.deepEqual(page.errors, []);
      await context.close();
    });

    it('keeps a star across a reload, and Starred only shows it', async () => {
      const { context, page } = await visit(server.url, PHONE);
      const id = await page.getAttribute('article.card', 'id');
      const star = `article[id="${id}"] .star-toggle`;
      await page.click(star);
      assert.equal(await page.getAttribute(star, 'aria-pressed'), 'true');
      await page.reload();
      await ready(page);
      assert.equal(await page.getAttribute(star, 'aria-pressed'), 'true');
      await page.click('.filters-button');
      await page.click('.switch', { hasText: 'Starred only' });
      assert.equal(await summary(page), '1 of 1351 entries');
      assert.deepEqual(await shownIds(page), [id]);
      await page.waitForFunction(() => new URL(location.href).searchParams.get('starred') === '1');
      if (page.errors) assert.deepEqual(page.errors, []);
      await context.close();
    });

    it('shows a star in a second tab at once, and saves starred sessions as a calendar file', async () => {
      const { context, page: first } = await visit(`${server.url}#${late.id}`, DESKTOP);
      const second = await context.newPage(server.url);
      await ready(second);
      await first.click(`article[id="${late.id}"] .star-toggle`);
      await second.waitForFunction(() => /Starred only\s*1/.test(document.querySelector('.panel').textContent));
      const ics = await first.download(() => first.click('button', { hasText: 'Add 1 starred entry to a calendar' }));
      assert.equal(ics.name, `${report.id}-starred.ics`);
      assert.match(ics.text, /^BEGIN:VCALENDAR\r\n/);
      assert.equal(ics.text.match(/BEGIN:VEVENT/g).length, 1);
      assert.ok(ics.text.includes(`UID:${late.id}@${report.id}`), ics.text);
      // After midnight: the calendar date, not the conference day.
      const date = late.start_date.replaceAll('-', '');
      assert.match(ics.text, new RegExp(`DTSTART(;[^:]*)?:${date}T${late.start.replace(':', '')}00`));
      await context.close();
    });
  });
}
