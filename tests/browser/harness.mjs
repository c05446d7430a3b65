// Shared by the browser tests: the fixtures and page helpers they use, over
// the project's static server and Chromium (tools/, shared with the bench).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { root } from '../../tools/project.mjs';

import { schedule36c3, cargoRun } from '../../tools/project.mjs';
import { copySite, prerender } from '../../tools/site/copy.mjs';

export { root, dist, schedule36c3, cargoRun } from '../../tools/project.mjs';
export { serve } from '../../tools/site/serve.mjs';
export { copySite, prerender };
export { launch, PHONE, DESKTOP } from '../../tools/chromium.mjs';

export const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

/**
 * The 36C3 programme (1,351 events), imported from its schedule JSON and
 * published with its own static page in a folder of its own: the folder,
 * its report, and a session after midnight, listed on the day before its
 * calendar date. `remove()` deletes the folder.
 */
export function programmeSite() {
  if (!fs.existsSync(schedule36c3)) {
    throw new Error(`${schedule36c3} is missing: set TRIPNOTES_PROGRAMMES to the folder of conference programmes`);
  }
  const { dir, file } = copySite((file) => cargoRun('tripnotes-import', [schedule36c3, file]), { prefix: 'tripnotes-36c3-' });
  prerender(dir);
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const late = report.entries.find((e) => e.start_date && e.start >= '01:00');
  return { dir, report, late, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function bundledReport() {
  return JSON.parse(fs.readFileSync(path.join(root, 'public/report.json'), 'utf8'));
}

/** A page whose uncaught errors fail the test that reads `page.errors`. */
export async function open(context, url) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  // Content-Security-Policy violations and failed loads land here.
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  await page.goto(url);
  return page;
}

/** Waits until the app (not the static page) has rendered the report. */
export async function ready(page) {
  // Attached, not visible: the view in the address bar may hide the first card.
  await page.waitForSelector('article.card button.read-toggle', { state: 'attached', timeout: 20000 });
}

/** Waits until a service worker controls the page. */
export async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller, null, { timeout: 20000 });
}

/**
 * Waits until the list has followed the last change of filters or search:
 * it follows a frame after the change, and says it is busy until then.
 */
export async function settled(page) {
  await page.waitForSelector('main[aria-busy="true"]', { state: 'detached', timeout: 20000 });
}

/**
 * Ids of the cards a reader sees, in page order, once the list has
 * followed the last change. A small report keeps every card in the page
 * and hides those the view leaves out. (Boxes, not checkVisibility():
 * WebKit's calls a card of a content-visibility: auto list hidden until
 * the list's first rendering update.)
 */
export async function shownIds(page) {
  await settled(page);
  return page.$$eval('article.card', (cards) => cards.filter((c) => c.getClientRects().length > 0).map((c) => c.id));
}

/** The list's "N of M entries", once it has followed the last change. */
export async function summary(page) {
  await settled(page);
  return page.textContent('.summary .count');
}

/**
 * Waits until a reader sees `n` cards. A function, not a string: the page's
 * policy forbids the eval a string predicate needs once it has to poll.
 */
export function waitForShown(page, n) {
  return page.waitForFunction((n) => [...document.querySelectorAll('article.card')].filter((c) => c.getClientRects().length > 0).length === n, n);
}

export async function screenshot(page, name) {
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: false });
}

/** Scrolls until the app has rendered every entry of the view. */
export async function renderAll(page) {
  let count = -1;
  for (;;) {
    const now = (await shownIds(page)).length;
    if (now === count) return;
    count = now;
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(200);
  }
}
