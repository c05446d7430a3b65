// Interaction to next paint of real filter taps and search key presses
// (Event Timing, as INP), the time to the new list on screen, and memory
// across filter changes.
import { INTERACTIONS } from './config.mjs';
import { ms, median, p95, inpMs } from './figures.mjs';
import { print, R } from './output.mjs';
import { withPage, whenReady, frames, quiet } from './page.mjs';

const WORDS = ['kernel', 'observability', 'burnout', 'frontend', 'incident', 'latency'];

/** The day and track options, found by role and class, not by id. */
async function filterOptions(page) {
  const days = page.locator('.days .segment');
  // A programme's long list of tracks is folded: open it, as a reader would.
  const fold = page.locator('details.fold summary').filter({ has: page.locator('.fold-name', { hasText: /^Track$/ }) });
  if (await fold.count() > 0 && !(await fold.evaluate((s) => s.parentElement.open))) {
    await fold.click();
    // Its options render on the toggle event, a task after the click.
    await page.locator('details.fold[open] .chip-option').first().waitFor({ timeout: 20000 });
  }
  let tracks = page.locator('fieldset').filter({ has: page.locator('legend', { hasText: /^\s*Track\s*$/ }) }).locator('.chip-option');
  if (await tracks.count() === 0) tracks = page.locator('.chip-option');
  const nd = await days.count();
  const nt = await tracks.count();
  if (nd < 2 || nt < 1) throw new Error(`found ${nd} day options (.days .segment) and ${nt} track options (.chip-option): cannot tap filters`);
  // Playwright's helper script enters the page on its first action; have it
  // there before anything is measured, memory included.
  await days.first().boundingBox();
  return { days, tracks, nd, nt };
}

/** Real clicks, alternating a day and a track option, over all of them. */
async function filterTaps(page, { days, tracks, nd, nt }, n) {
  for (let i = 0; i < n; i++) {
    // The first day option ("All") is chosen at start: begin with the next.
    const option = i % 2 === 0 ? days.nth((i / 2 + 1) % nd) : tracks.nth(((i - 1) / 2) % nt);
    await option.click({ timeout: 20000 }).catch((e) => {
      throw new Error(`filter tap ${i + 1} (${i % 2 === 0 ? 'day' : 'track'} option): ${e.message.split('\n')[0]}`);
    });
    await frames(page);
  }
  return n;
}

/** Focuses the search box with a click, before key presses are measured. */
async function focusSearch(page) {
  const box = page.locator('[role=search] input[type=search]');
  if (await box.count() !== 1) throw new Error(`found ${await box.count()} search boxes ([role=search] input[type=search])`);
  await box.click();
  await frames(page);
  if (!await box.evaluate((el) => el === document.activeElement)) throw new Error('the search box did not take focus');
}

/** Real key presses: words typed a letter at a time, then deleted. */
async function keyPresses(page, n) {
  let presses = 0;
  for (let w = 0; presses < n; w++) {
    const word = WORDS[w % WORDS.length];
    for (const key of [...word, ...[...word].map(() => 'Backspace')]) {
      await page.keyboard.press(key);
      presses++;
      await frames(page);
    }
  }
  return presses;
}

/**
 * Runs `action` and reads its interactions: per interaction the longest
 * Event Timing duration (as INP), and "event to next paint" per input.
 * Interactions under 16 ms are not reported by Event Timing; they count as
 * 0 here, and a percentile that lands on them prints "< 16 ms".
 */
async function measureBatch(page, kind, action) {
  await frames(page);
  const t0 = await page.evaluate(() => performance.now());
  const n = await action();
  await page.waitForTimeout(500);
  await frames(page);
  const t1 = await page.evaluate(() => performance.now());
  const { events, marks, views } = await page.evaluate(([a, b]) => ({
    events: window.__bench.events.filter((e) => e.start >= a && e.start < b),
    marks: window.__bench.marks.filter((m) => m.start >= a && m.start < b),
    views: window.__bench.views.filter((m) => m.start >= a && m.start < b),
  }), [t0, t1]);
  const byId = new Map();
  for (const e of events) byId.set(e.id, Math.max(byId.get(e.id) ?? 0, e.duration));
  const inp = [...byId.values()];
  const reported = inp.length;
  while (inp.length < n) inp.push(0);
  const markType = kind === 'filter' ? 'pointerup' : 'keydown';
  const e2p = marks.filter((m) => m.type === markType).map((m) => m.end - m.start);
  if (e2p.length === 0) throw new Error(`no ${markType} reached the page during the ${kind} interactions`);
  const e2v = views.filter((m) => m.type === markType).map((m) => m.end - m.start);
  if (e2v.length === 0) throw new Error(`no ${markType} changed the list during the ${kind} interactions`);
  return { n, reported, inp, e2p, e2v };
}

async function heap(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer.byteLength ?? 0);
  return { js: usedSize, wasm };
}

export async function interaction(site, cpu, { memory = false } = {}) {
  return withPage({ cpu }, async ({ page, cdp }) => {
    const told = whenReady(page, 240);
    await page.goto(site.server.url, { waitUntil: 'commit', timeout: 60000 });
    await told;
    await quiet(page);
    const options = await filterOptions(page);
    const mem = memory ? { loaded: await heap(page, cdp) } : null;
    const filter = await measureBatch(page, 'filter', () => filterTaps(page, options, INTERACTIONS));
    if (mem) mem.after = await heap(page, cdp);
    await focusSearch(page);
    const search = await measureBatch(page, 'search', () => keyPresses(page, INTERACTIONS));
    const result = { filter, search };
    R.interaction[site.key] ??= {};
    R.interaction[site.key][cpu] = result;
    if (mem) R.memory = { ...mem, label: site.label };
    return result;
  });
}

export function printInteractions(sites) {
  print(`### Filter taps and search key presses: interaction to next paint (Event Timing, as INP)`);
  print();
  print(`Real input through the browser: ${INTERACTIONS} clicks alternating day and track options, then ${INTERACTIONS}+ key presses typing words into the search box and deleting them with Backspace. Per interaction, the longest Event Timing duration among its events (from the input's timestamp to the next paint, in 8 ms steps); Event Timing does not report under 16 ms.`);
  print();
  print('| report | CPU | filter p95 | filter median | filter worst | search p95 | search median | search worst | reported (≥16 ms) |');
  print('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  const rows = [];
  for (const site of sites) {
    for (const cpu of [1, 4]) {
      const r = R.interaction[site.key]?.[cpu];
      if (!r) continue;
      rows.push([site, cpu, r]);
      const { filter: f, search: s } = r;
      print(`| ${site.label} | ${cpu}x | ${inpMs(p95(f.inp))} | ${inpMs(median(f.inp))} | ${inpMs(Math.max(...f.inp))} | ${inpMs(p95(s.inp))} | ${inpMs(median(s.inp))} | ${inpMs(Math.max(...s.inp))} | ${f.reported}/${f.n} taps, ${s.reported}/${s.n} keys |`);
    }
  }
  print();
  print('### Filter taps and search key presses: event to next paint (as measured before)');
  print();
  print('The same input; from the input event (pointerup of a tap, keydown of a key) to a task after the next frame\'s animation callbacks. It includes waiting for that frame, about 17 ms even when nothing changes.');
  print();
  print('| report | CPU | filter median | filter p95 | search median | search p95 |');
  print('|---|---|---:|---:|---:|---:|');
  for (const [site, cpu, { filter: f, search: s }] of rows) {
    print(`| ${site.label} | ${cpu}x | ${ms(median(f.e2p))} ms | ${ms(p95(f.e2p))} ms | ${ms(median(s.e2p))} ms | ${ms(p95(s.e2p))} ms |`);
  }
  print();
  print('### Filter taps and search key presses: event to the new list on screen');
  print();
  print('The same input; the checked option or the typed letter shows in the next frame, and the list follows in a task after that paint. Timed from the input event to a task after the frame that follows the list\'s first change (inputs that changed no part of the list are left out).');
  print();
  print('| report | CPU | filter median | filter p95 | search median | search p95 | inputs that changed the list |');
  print('|---|---|---:|---:|---:|---:|---:|');
  for (const [site, cpu, { filter: f, search: s }] of rows) {
    print(`| ${site.label} | ${cpu}x | ${ms(median(f.e2v))} ms | ${ms(p95(f.e2v))} ms | ${ms(median(s.e2v))} ms | ${ms(p95(s.e2v))} ms | ${f.e2v.length}/${f.n} taps, ${s.e2v.length}/${s.n} keys |`);
  }
  print();
}

export function printMemory() {
  const m = R.memory;
  if (!m) return;
  const mb = (n) => (n / 1048576).toFixed(1);
  print(`### Memory with ${m.label} (JS heap after GC + wasm memory, at 1x)`);
  print();
  print('| moment | JS heap MB | wasm MB | total MB |');
  print('|---|---:|---:|---:|');
  print(`| after loading | ${mb(m.loaded.js)} | ${mb(m.loaded.wasm)} | ${mb(m.loaded.js + m.loaded.wasm)} |`);
  print(`| after ${INTERACTIONS} filter changes | ${mb(m.after.js)} | ${mb(m.after.wasm)} | ${mb(m.after.js + m.after.wasm)} |`);
  print();
  print('Budget: 60 MB, flat across filter changes (counted as flat while it grows under 1 MB: wasm memory grows in 64 KB pages and never shrinks).');
  print();
}
