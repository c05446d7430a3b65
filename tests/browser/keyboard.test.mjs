// The keyboard in Chromium: Tab order and focus rings, and where the focus
// goes when the sheet opens, an entry leaves the view or a filter is removed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { open, ready, shownIds, PHONE, DESKTOP } from './harness.mjs';
import { server, browser, desktop } from './viewer.mjs';

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
