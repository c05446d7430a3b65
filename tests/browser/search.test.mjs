// Search in Chromium: typing fast on a slow phone, matching, and its keys.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { summary, shownIds } from './harness.mjs';
import { desktop, total } from './viewer.mjs';

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
