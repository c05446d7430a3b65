// The address bar in Chromium: a permalink, parameters it cannot use, and
// the history steps that typing adds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { shownIds } from './harness.mjs';
import { server, desktop, countWhere } from './viewer.mjs';

describe('address', () => {
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

  it('ignores unknown and malformed parameters', async () => {
    const { context, page } = await desktop(`${server.url}?day=2024-13-40&track=nope,plenary&topic=&unread=maybe&zzz=1`);
    assert.equal((await shownIds(page)).length, countWhere((e) => e.track === 'plenary'));
    assert.deepEqual(page.errors, []);
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
});
