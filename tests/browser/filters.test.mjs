// Filters in Chromium: a tap's feedback in the next frame, and the filter
// sheet of a phone.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { settled, open, ready, screenshot, PHONE } from './harness.mjs';
import { server, browser, desktop, report, total, countWhere } from './viewer.mjs';

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
