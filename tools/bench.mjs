// The benchmark: serves the release build on loopback (gzip, as a static
// host serves it), drives headless Chromium with real input through the
// DevTools protocol, and prints a table of bytes, size owners, cold load,
// interaction latency, start-up tasks, memory and the speed budgets. Run it
// with tools/bench, which builds first; `node tools/bench.mjs [--report
// FILE.json]` measures whatever is built already.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { dist, root, schedule36c3 as schedule } from './project.mjs';
import { launch, DESKTOP, CHROMIUM } from './chromium.mjs';
import { serve } from './site/serve.mjs';
import {
  kb, ms, median, p95, withTimeout, baselineOf, siteFor,
  summarizeTrace, TRACE_CATEGORIES,
} from './bench-lib.mjs';

const LOAD_RUNS = 5;
const OTHER_LOAD_RUNS = 3;
const INTERACTIONS = 50;
const BIG = 5000;
const target = path.join(root, 'target');
const run = promisify(execFile);

const args = process.argv.slice(2);
const reportArg = args.includes('--report') ? args[args.indexOf('--report') + 1] : process.env.BENCH_REPORT || null;
// BENCH_ONLY=load,interaction (say) runs only those parts, for iterating on
// one budget: bytes, size, load, startup, interaction, trace, lighthouse,
// floor.
const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((s) => s.trim()) : null;
// BENCH_SITES=bundled,programme (say) measures only those reports, for
// iterating: bundled, synthetic, programme, extra. BENCH_BUNDLED_ONLY=1 is
// BENCH_SITES=bundled. The bundled report is always served: start-up and
// Lighthouse measure it.
const siteKeys = process.env.BENCH_SITES ? process.env.BENCH_SITES.split(',').map((s) => s.trim())
  : process.env.BENCH_BUNDLED_ONLY === '1' ? ['bundled'] : null;
const wantSite = (key) => !siteKeys || siteKeys.includes(key);
// BENCH_TRACE=programme (say) traces that report's tap instead of the bundled one's.
const traceSite = process.env.BENCH_TRACE || 'bundled';
const PARTS = ['bytes', 'size', 'load', 'startup', 'interaction', 'trace', 'lighthouse', 'floor'];
const want = (part) => !only || only.includes(part);

const out = [];
const print = (line = '') => { out.push(line); console.log(line); };
const errors = [];
/** Results by measurement, read by the budget table at the end. */
const R = { load: {}, interaction: {}, memory: null, startup: null, lighthouse: null, floor: null };

/** Browser contexts in use, closed when a measurement times out. */
const contexts = new Set();

/** Runs one measurement; a failure is printed and the others still run. */
async function section(what, seconds, fn) {
  try {
    return await withTimeout(fn(), seconds, what);
  } catch (e) {
    // What still runs of a timed-out measurement stops here, so it cannot
    // overlap the next one.
    for (const context of contexts) await context.close().catch(() => {});
    const message = String(e?.message ?? e).split('\n')[0];
    errors.push(`${what}: ${message}`);
    print(`**Error** in ${what}: ${message}`);
    print();
    return null;
  }
}

// ---------------------------------------------------------------- bytes

function bytes() {
  const files = fs.readdirSync(dist).filter((f) => fs.statSync(path.join(dist, f)).isFile()).sort();
  print('### Bytes');
  print();
  print('| file | raw KB | gzip KB | brotli KB |');
  print('|---|---:|---:|---:|');
  const sizes = {};
  for (const f of files) {
    const data = fs.readFileSync(path.join(dist, f));
    const gz = zlib.gzipSync(data, { level: 9 }).length;
    const br = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    sizes[f] = { raw: data.length, gz, br };
    print(`| ${f} | ${kb(data.length)} | ${kb(gz)} | ${kb(br)} |`);
  }
  // index.html carries the whole report as static HTML: count that as
  // report content, and only the page shell as app code.
  const index = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const shell = index.replace(/<!--prerendered body-->[\s\S]*<!--\/prerendered body-->/, '');
  const shellGz = zlib.gzipSync(shell, { level: 9 }).length;
  const shellBr = zlib.brotliCompressSync(shell).length;
  const pick = (pred) => Object.entries(sizes).filter(([f]) => pred(f)).reduce((a, [, s]) => ({ gz: a.gz + s.gz, br: a.br + s.br }), { gz: 0, br: 0 });
  const assets = pick((f) => /\.(js|wasm|css)$/.test(f) && f !== 'sw.js');
  const code = { gz: assets.gz + shellGz, br: assets.br + shellBr };
  const visit = pick((f) => /\.(html|js|wasm|css)$/.test(f) && f !== 'sw.js' || f === 'report.json');
  const wasm = Object.entries(sizes).find(([f]) => f.endsWith('.wasm'));
  print();
  print(`App code (page shell + js + wasm + css): **${kb(code.gz)} KB gzip**, ${kb(code.br)} KB brotli (budget 230 KB gzip). The static report in index.html adds ${kb(sizes['index.html'].gz - shellGz)} KB gzip.`);
  print(`A first visit transfers (app code + report.json): ${kb(visit.gz)} KB gzip, ${kb(visit.br)} KB brotli; the service worker then fetches the icons and manifest.`);
  print();
  R.code = { gz: code.gz, wasmGz: wasm?.[1].gz ?? 0, wasmRaw: wasm?.[1].raw ?? 0 };
}

// --------------------------------------------------------- size profile

/** Bytes of a wasm module's custom sections, by name. */
function customSections(buf) {
  const leb = (at) => {
    let value = 0; let shift = 0; let b;
    do { b = buf[at.i++]; value += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    return value;
  };
  const sections = {};
  const at = { i: 8 };
  while (at.i < buf.length) {
    const id = buf[at.i++];
    const size = leb(at);
    const end = at.i + size;
    if (id === 0) {
      const len = leb(at);
      const name = buf.subarray(at.i, at.i + len).toString('utf8');
      sections[name] = (sections[name] ?? 0) + size;
    }
    at.i = end;
  }
  return sections;
}

/** A Rust symbol for a table cell: without its hash, cut to a length. */
const symbol = (name, max = 150) => {
  const short = name.replace(/::h[0-9a-f]{16}$/, '');
  return `\`${(short.length > max ? `${short.slice(0, max - 3)}...` : short).replace(/\|/g, '\\|').replace(/`/g, "'")}\``;
};
const NAMES = '"function names" subsection';
// Structural items that only hold others: the function table, its element
// segment and unnamed code. The dominator listing shows what they hold.
const HOLDER = /^(<meta root>|table\[\d+\]|elem\[\d+\]|code\[\d+\])$/;

/**
 * The largest dominator subtrees, biggest first; a holder is replaced by
 * what it holds (named in "held by"), so the rows never overlap.
 */
function dominatorRows(tree, rows) {
  const frontier = [...tree.items.map((n) => ({ node: n, path: [] }))];
  const out = [];
  while (frontier.length && out.length < rows) {
    frontier.sort((a, b) => b.node.retained_size - a.node.retained_size);
    const { node, path: via } = frontier.shift();
    if (node.name === NAMES) continue;
    if (HOLDER.test(node.name) && node.children?.length) {
      const here = node.name === '<meta root>' ? via : [...via, node.name];
      for (const child of node.children) frontier.push({ node: child, path: here });
      if (node.shallow_size > 0) frontier.push({ node: { name: `${node.name} itself`, retained_size: node.shallow_size }, path: via });
      continue;
    }
    out.push({ name: node.name, bytes: node.retained_size, via });
  }
  return out;
}

async function sizeProfile() {
  print('### Size profile: who owns the wasm bytes (twiggy, names-kept build)');
  print();
  const skip = process.env.BENCH_SIZE_PROFILE_SKIP;
  const wasm = process.env.BENCH_SIZE_PROFILE;
  if (skip || !wasm) {
    print(`Not run: ${skip || 'no names-kept build (tools/bench makes one; set BENCH_SIZE_PROFILE to a wasm file to profile it)'}.`);
    print();
    return;
  }
  const buf = fs.readFileSync(wasm);
  const names = customSections(buf).name ?? 0;
  const shipped = buf.length - names;
  const dir = path.dirname(wasm);
  // The names-kept build went through the same wasm-bindgen and wasm-opt -Oz
  // as the release; less its name section it should match the shipped wasm.
  print(`Profiled ${path.relative(root, wasm)}: ${kb(buf.length)} KB, of which its name section (kept for this profile, not shipped) ${kb(names)} KB. Without it ${kb(shipped)} KB, against ${kb(R.code?.wasmRaw ?? 0)} KB of the shipped wasm. Shares below are of the ${kb(shipped)} KB, before gzip.`);
  print();
  // The two builds use different target folders; if they disagree, one was
  // made from other sources (say, another build into the shared target
  // folder that cargo then took as up to date), and the figures mix states.
  if (R.code?.wasmRaw && Math.abs(shipped - R.code.wasmRaw) > 0.02 * R.code.wasmRaw) {
    const warning = `**Warning**: the shipped wasm (${kb(R.code.wasmRaw)} KB) and the names-kept build (${kb(shipped)} KB without names) differ by more than 2%, so they were not built from the same sources. Rebuild the release (after \`touch src/main.rs\`, or with CARGO_TARGET_DIR set to a folder of its own) and run again.`;
    print(warning);
    print();
    errors.push('the shipped wasm and the names-kept build differ: see the size profile');
  }
  const twiggy = async (...a) => (await run('twiggy', [...a, wasm], { maxBuffer: 512 * 1024 * 1024 })).stdout;
  // Whole listings, for when 15 rows are not enough.
  fs.writeFileSync(path.join(dir, 'twiggy-top.txt'), await twiggy('top'));
  fs.writeFileSync(path.join(dir, 'twiggy-dominators.txt'), await twiggy('dominators'));
  fs.writeFileSync(path.join(dir, 'twiggy-monos.txt'), await twiggy('monos'));
  const pct = (n) => `${((100 * n) / shipped).toFixed(1)}%`;
  const top = JSON.parse(await twiggy('top', '-n', '16', '-f', 'json')).filter((r) => r.name !== NAMES).slice(0, 15);
  print('#### twiggy top: the 15 largest items by their own size');
  print();
  print('| bytes | share | item |');
  print('|---:|---:|---|');
  for (const r of top) print(`| ${r.shallow_size} | ${pct(r.shallow_size)} | ${symbol(r.name)} |`);
  print();
  const dominators = dominatorRows(JSON.parse(await twiggy('dominators', '-f', 'json')), 15);
  print('#### twiggy dominators: the 15 largest subtrees by retained size (what would go with each item)');
  print();
  print('| retained bytes | share | item | held by |');
  print('|---:|---:|---|---|');
  for (const r of dominators) print(`| ${r.bytes} | ${pct(r.bytes)} | ${symbol(r.name)} | ${r.via.join(' › ') || '–'} |`);
  print();
  print('"held by" `table[0] › elem[0]`: reached through the function table, that is called indirectly (closures, trait objects).');
  print();
  const monos = JSON.parse(await twiggy('monos', '-m', '10', '-n', '0', '-f', 'json'));
  print('#### twiggy monos: generic functions whose copies cost most (top 10)');
  print();
  print('| bloat bytes | all copies bytes | generic |');
  print('|---:|---:|---|');
  for (const r of monos.filter((m) => !/^(\.\.\. and|Σ)/.test(m.generic))) print(`| ${r.approximate_monomorphization_bloat_bytes} | ${r.total_size} | ${symbol(r.generic)} |`);
  print();
  const all = monos.find((m) => m.generic.startsWith('Σ'));
  if (all) print(`Over all ${kb(all.total_size)} KB of functions (twiggy groups copies by name), extra copies of the same generic function cost about ${kb(all.approximate_monomorphization_bloat_bytes)} KB.`), print();
  print(`Whole listings: ${path.relative(root, dir)}/twiggy-top.txt, twiggy-dominators.txt, twiggy-monos.txt.`);
  print();
}

// ------------------------------------------------------- in the browser

/**
 * Installed before any of the page's scripts. Records: when the app is
 * ready (a read toggle exists, as the first filter then responds), first
 * contentful paint, the first entry's render time (Element Timing, the
 * bench marks the first card's title), long tasks, Event Timing entries of
 * interactions as INP reads them, and "event to next paint" as measured
 * before (the first frame's animation callback, then a task after it).
 */
function instrument() {
  const resolve = {};
  const promise = (name) => new Promise((r) => { resolve[name] = r; });
  const b = {
    ready: null, fcp: null, entry: null, events: [], longtasks: [], marks: [],
    fcpP: promise('fcp'), entryP: promise('entry'),
  };
  window.__bench = b;
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
  new MutationObserver((_, observer) => {
    if (document.querySelector('button.read-toggle')) {
      b.ready = performance.now();
      console.debug('tripnotes-bench: ready');
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  const observe = (type, options, each) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(each)).observe({ type, buffered: true, ...options });
    } catch { /* not supported: its figure stays empty and says so */ }
  };
  observe('paint', {}, (e) => {
    if (e.name === 'first-contentful-paint') { b.fcp = e.startTime; resolve.fcp(e.startTime); }
  });
  observe('element', {}, (e) => {
    if (e.identifier === 'bench-first-entry' && b.entry === null) { b.entry = e.renderTime || e.loadTime; resolve.entry(b.entry); }
  });
  observe('longtask', {}, (e) => b.longtasks.push({ start: e.startTime, duration: e.duration }));
  // As INP: entries at or over 16 ms, grouped later by interactionId.
  observe('event', { durationThreshold: 16 }, (e) => {
    if (e.interactionId) b.events.push({ id: e.interactionId, name: e.name, start: e.startTime, duration: e.duration });
  });
  // A tap's work runs on its click, right after pointerup in the same task;
  // pointerup is marked because a label's click reaches its input twice.
  // The list follows a tap a frame later than the tap's own feedback: an
  // input that changes the list is also timed to the frame after that
  // change (the list's first mutation after the input).
  b.views = [];
  let waiting = null;
  let list = null;
  const afterFrame = (record) => requestAnimationFrame(() => setTimeout(() => record(performance.now()), 0));
  const mark = (e) => {
    if (!e.isTrusted) return;
    const start = e.timeStamp;
    afterFrame((end) => b.marks.push({ type: e.type, start, end }));
    if (!list && document.querySelector('main')) {
      list = new MutationObserver((records) => {
        // The list marks itself busy in the input's own task; that is not the change.
        if (records.every((r) => r.attributeName === 'aria-busy')) return;
        const input = waiting;
        waiting = null;
        if (input) afterFrame((end) => b.views.push({ ...input, end }));
      });
      list.observe(document.querySelector('main'), { childList: true, subtree: true, attributes: true, characterData: true });
    }
    waiting = { type: e.type, start };
  };
  addEventListener('pointerup', mark, true);
  addEventListener('keydown', mark, true);
}

let browser = null;
async function getBrowser() {
  if (!browser || !browser.isConnected()) browser = await launch();
  return browser;
}

/** A fresh context and page at `cpu` slowdown, closed after `fn`. */
async function withPage({ cpu = 1 }, fn) {
  const b = await getBrowser();
  const context = await b.newContext({ viewport: DESKTOP, serviceWorkers: 'block' });
  contexts.add(context);
  try {
    context.setDefaultTimeout(30000 * cpu);
    await context.addInitScript(instrument);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    return await fn({ page, cdp, browser: b });
  } finally {
    contexts.delete(context);
    await context.close().catch(() => {});
  }
}

/**
 * Waits for the app to be ready and returns its time. Call it before the
 * page loads: it listens for instrument()'s console message, since an
 * evaluate during start-up would first run Playwright's own script in the
 * page (about 30 ms at 4x) in the middle of what is measured, a cost the
 * baseline, read after its load, does not pay.
 */
function whenReady(page, seconds) {
  const told = page.waitForEvent('console', { predicate: (m) => m.text() === 'tripnotes-bench: ready', timeout: 0 });
  return withTimeout(told, seconds, 'waiting for ready').then(() => page.evaluate(() => window.__bench.ready));
}

/** Waits for one of instrument()'s moments and returns its time. */
const moment = (page, name, seconds) => withTimeout(page.evaluate((n) => window.__bench[`${n}P`], name), seconds, `waiting for ${name}`);
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));
/** Lets start-up work after the first render finish before measuring. */
async function quiet(page, seconds = 1.5) {
  await page.waitForTimeout(seconds * 1000);
  await frames(page);
}

// ------------------------------------------------------------ cold load

async function appLoad(url, cpu) {
  return withPage({ cpu }, async ({ page }) => {
    const told = whenReady(page, 180);
    await page.goto(url, { waitUntil: 'commit', timeout: 60000 });
    const ready = await told;
    const fcp = await moment(page, 'fcp', 30);
    // Null when the app replaced the static page before its title painted.
    const entry = await moment(page, 'entry', 3).catch(() => null);
    await quiet(page, 1);
    const longtasks = await page.evaluate(() => window.__bench.longtasks);
    return { ready, fcp, entry, longtasks };
  });
}

async function baselineLoad(url) {
  return withPage({ cpu: 4 }, async ({ page }) => {
    await page.goto(url, { waitUntil: 'load', timeout: 180000 });
    const fcp = await moment(page, 'fcp', 30);
    const entry = await moment(page, 'entry', 10).catch(() => null);
    const dcl = await page.evaluate(() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd);
    return { fcp, entry, dcl };
  });
}

async function coldLoad(site) {
  const runs = site.key === 'bundled' ? LOAD_RUNS : OTHER_LOAD_RUNS;
  const app = [];
  const base = [];
  for (let i = 0; i < runs; i++) {
    app.push(await appLoad(site.server.url, 4));
    base.push(await baselineLoad(`${site.server.url}baseline.html`));
  }
  // Without Element Timing (no card title to mark), first paint stands in.
  const entryOf = (r) => r.entry ?? r.fcp;
  const result = {
    runs,
    app: { entry: median(app.map(entryOf)), fcp: median(app.map((r) => r.fcp)), ready: median(app.map((r) => r.ready)) },
    // A page without script can be used once it shows and is parsed.
    base: { entry: median(base.map(entryOf)), fcp: median(base.map((r) => r.fcp)), interactive: median(base.map((r) => Math.max(entryOf(r), r.dcl))) },
    marked: app.every((r) => r.entry !== null),
  };
  R.load[site.key] = result;
  return result;
}

function printLoad(sites) {
  print(`### Cold load at 4x CPU slowdown, served gzip (median of ${LOAD_RUNS} runs for the bundled report, ${OTHER_LOAD_RUNS} for others)`);
  print();
  print('| report | page | first entry visible | first contentful paint | interactive |');
  print('|---|---|---:|---:|---:|');
  for (const site of sites) {
    const r = R.load[site.key];
    if (!r) continue;
    print(`| ${site.label} | Tripnotes | ${ms(r.app.entry)} ms | ${ms(r.app.fcp)} ms | ${ms(r.app.ready)} ms (first filter responds) |`);
    print(`| ${site.label} | baseline: the same page without script | ${ms(r.base.entry)} ms | ${ms(r.base.fcp)} ms | ${ms(r.base.interactive)} ms (shown and parsed) |`);
  }
  print();
  print('"First entry visible" is the render time of the first card\'s title (Element Timing; the bench marks that title\'s link in the served page). The baseline is the page as published with its script and preloads removed; it counts as interactive once its first entry shows and its HTML is parsed (DOMContentLoaded), whichever is later.');
  for (const site of sites) {
    const r = R.load[site.key];
    if (r) print(`${site.label}: interactive ${(r.app.ready / r.base.interactive).toFixed(2)}x the baseline, first entry ${(r.app.entry / r.base.entry).toFixed(2)}x.${r.marked ? '' : ' (No card title to mark: first contentful paint stands in for the first entry.)'}`);
    if (site.note) print(`Note: ${site.note}.`);
    if (site.htmlBytes) print(`${site.label}: index.html is ${kb(site.htmlBytes.raw)} KB, ${kb(site.htmlBytes.gz)} KB gzip.`);
  }
  print();
}

// -------------------------------------------------- start-up long tasks

async function startupTasks(site) {
  const runs = [];
  for (let i = 0; i < LOAD_RUNS; i++) runs.push(await appLoad(site.server.url, 1));
  const per = runs.map((r) => ({
    count: r.longtasks.filter((t) => t.duration > 50).length,
    longest: Math.max(0, ...r.longtasks.map((t) => t.duration)),
  }));
  const result = {
    count: median(per.map((p) => p.count)),
    longest: median(per.map((p) => p.longest)),
    worst: Math.max(...per.map((p) => p.longest)),
    counts: per.map((p) => p.count),
  };
  R.startup = result;
  print(`### Start-up tasks at 1x CPU (${site.label}, ${LOAD_RUNS} runs, until 1 s after the app is ready)`);
  print();
  const longest = (v) => (v > 0 ? `${ms(v)} ms` : 'none over 50 ms');
  print(`Long tasks (Long Tasks API, over 50 ms) per run: ${result.counts.join(', ')}; median longest ${longest(result.longest)}, worst run's longest ${longest(result.worst)}.`);
  print();
}

// --------------------------------------------------------- interactions

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

async function interaction(site, cpu, { memory = false } = {}) {
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

const inpMs = (v) => (v === 0 ? '< 16 ms' : `${ms(v)} ms`);

function printInteractions(sites) {
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

function printMemory() {
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

// --------------------------------------------------------------- traces

async function traced(name, cpu, fn) {
  return withPage({ cpu }, async ({ page, browser: b }) => {
    let tracing = false;
    try {
      const result = await fn(page, async () => {
        await b.startTracing(page, { categories: TRACE_CATEGORIES.split(',') });
        tracing = true;
      });
      const buffer = await b.stopTracing();
      tracing = false;
      // Readings from the page wait until the trace is closed.
      if (result.after) Object.assign(result, await result.after());
      const file = path.join(target, `trace-${name}.json`);
      fs.writeFileSync(file, buffer);
      return { ...result, file, summary: summarizeTrace(JSON.parse(buffer.toString('utf8'))) };
    } finally {
      if (tracing) await b.stopTracing().catch(() => {});
    }
  });
}

function printTrace(title, t, extra = '') {
  const s = t.summary;
  print(`#### ${title}`);
  print();
  print(`${path.relative(root, t.file)}: main thread busy ${ms(s.busy)} ms of ${ms(s.span)} ms traced; longest task ${ms(s.longest)} ms, ${s.over50} over 50 ms.${extra}`);
  print();
  print('| main-thread work (self time) | ms | share of busy |');
  print('|---|---:|---:|');
  for (const k of s.kinds.filter((k) => k.ms >= 0.05)) print(`| ${k.kind} | ${k.ms.toFixed(1)} | ${((100 * k.ms) / s.busy).toFixed(0)}% |`);
  print();
  print(`Largest by event name: ${s.names.slice(0, 8).map((n) => `${n.name} ${n.ms.toFixed(1)} ms`).join(', ')}.`);
  if (s.other.length) print(`"Other" is mostly: ${s.other.slice(0, 4).map((n) => `${n.name} ${n.ms.toFixed(1)} ms`).join(', ')}.`);
  print();
}

async function traces(site) {
  print('### Where the time goes at 4x CPU (Chromium trace, renderer main thread)');
  print();
  print('A rough split of self time (an event\'s time less that of the events inside it) by trace event: script is V8 and wasm work (FunctionCall, EvaluateScript, v8.*, event and timer dispatch, and the rest of script-running tasks); style is UpdateLayoutTree and style sheet parsing; layout is Layout and intersection updates; paint is PrePaint, Paint, Layerize and commits to the compositor; a task\'s remaining time goes by where it was posted from (loader, parser, script runner), else to "other". Open the files in the Performance panel of Chromium\'s DevTools for the detail.');
  print();
  const startup = await section('trace of start-up at 4x', 300, () => traced('startup-4x', 4, async (page, start) => {
    await start();
    const told = whenReady(page, 180);
    await page.goto(site.server.url, { waitUntil: 'commit', timeout: 60000 });
    const ready = await told;
    await page.waitForTimeout(1000);
    return { ready };
  }));
  if (startup) printTrace(`Start-up at 4x (${site.label}), until 1 s after the app is ready`, startup, ` Ready at ${ms(startup.ready)} ms.`);
  const tap = await section('trace of a filter tap at 4x', 300, () => traced('filter-4x', 4, async (page, start) => {
    const told = whenReady(page, 180);
    await page.goto(site.server.url, { waitUntil: 'commit', timeout: 60000 });
    await told;
    await quiet(page);
    const day = page.locator('.days .segment').nth(1);
    await day.scrollIntoViewIfNeeded();
    const box = await day.boundingBox();
    if (!box) throw new Error('the second day option (.days .segment) is not shown');
    await frames(page);
    const t0 = await page.evaluate(() => performance.now());
    // A bare click at known coordinates: no script of the bench runs in the
    // page while the trace records.
    await start();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForTimeout(500);
    return { after: async () => ({ inp: await page.evaluate((a) => Math.max(0, ...window.__bench.events.filter((e) => e.start >= a).map((e) => e.duration)), t0) }) };
  }));
  if (tap) printTrace(`One filter tap at 4x (${site.label}: a day option), with 500 ms after it`, tap, ` Its interaction to next paint: ${inpMs(tap.inp)}.`);
}

// ----------------------------------------------------------- Lighthouse

/** One Lighthouse run (mobile, its simulated throttling) on Debian's Chromium. */
async function lighthouseRun(cli, url, file) {
  await run(process.execPath, [
    cli, url, '--only-categories=performance', '--output=json', `--output-path=${file}`, '--quiet',
    '--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run',
  ], { env: { ...process.env, CHROME_PATH: CHROMIUM }, timeout: 240000, maxBuffer: 64 * 1024 * 1024 });
  const lhr = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const a = lhr.audits;
  return {
    score: Math.round(lhr.categories.performance.score * 100),
    tbt: a['total-blocking-time'].numericValue,
    fcp: a['first-contentful-paint'].numericValue,
    lcp: a['largest-contentful-paint'].numericValue,
    si: a['speed-index'].numericValue,
    cls: a['cumulative-layout-shift'].numericValue,
  };
}

async function lighthouse(dir) {
  print('### Lighthouse (mobile, performance)');
  print();
  const cli = path.join(target, 'lighthouse/node_modules/lighthouse/cli/index.js');
  if (process.env.BENCH_LIGHTHOUSE !== '1') {
    print('Not run (set BENCH_LIGHTHOUSE=1).');
    print();
    return;
  }
  if (process.env.BENCH_LIGHTHOUSE_SKIP || !fs.existsSync(cli)) {
    R.lighthouse = { skipped: process.env.BENCH_LIGHTHOUSE_SKIP || 'lighthouse is not installed in target/lighthouse' };
    print(`Not run: ${R.lighthouse.skipped}.`);
    print();
    return;
  }
  const runs = Number(process.env.BENCH_LIGHTHOUSE_RUNS || 3);
  const results = [];
  // The page exactly as published, without the bench's Element Timing mark.
  const server = await serve({ dir, gzip: true, keepAlive: true });
  try {
    for (let i = 0; i < runs; i++) results.push(await lighthouseRun(cli, server.url, path.join(target, `lighthouse-${i + 1}.json`)));
  } finally {
    await server.close();
  }
  print(`${runs} run${runs === 1 ? '' : 's'} on the bundled report (Lighthouse ${JSON.parse(fs.readFileSync(path.join(target, 'lighthouse/node_modules/lighthouse/package.json'), 'utf8')).version}, its default mobile emulation and simulated throttling, Chromium ${CHROMIUM}):`);
  print();
  print('| run | score | total blocking time | first contentful paint | largest contentful paint | speed index | layout shift |');
  print('|---|---:|---:|---:|---:|---:|---:|');
  results.forEach((r, i) => print(`| ${i + 1} | ${r.score} | ${ms(r.tbt)} ms | ${ms(r.fcp)} ms | ${ms(r.lcp)} ms | ${ms(r.si)} ms | ${r.cls.toFixed(3)} |`));
  print();
  R.lighthouse = { score: median(results.map((r) => r.score)), tbt: median(results.map((r) => r.tbt)), runs };
}

// ------------------------------------------------------------ the floor

/**
 * What any Leptos app costs to take this page over: the two bare apps of
 * tools/floor, served in place of the app's script and wasm on the same
 * page, each loaded in turn with the app and the baseline so that all
 * four run under the same load.
 */
async function floor(site) {
  print('### The floor: bare Leptos apps on the same page (cold load at 4x)');
  print();
  const dir = process.env.BENCH_FLOOR_DIR;
  if (!dir) {
    print('Not run (set BENCH_FLOOR=1: tools/bench then builds tools/floor).');
    print();
    return;
  }
  const index = fs.readFileSync(path.join(site.dir, 'index.html'), 'utf8');
  const js = index.match(/from '\.\/([^']+\.js)'/)?.[1];
  const wasm = index.match(/module_or_path: '\.\/([^']+\.wasm)'/)?.[1];
  if (!js || !wasm) throw new Error('index.html names no script and wasm of the app');
  // The integrity hashes name the app's files, not the floor's.
  const page = markFirstEntry(index.replace(/ integrity="[^"]*"/g, ''));
  const gz = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;
  const pages = [{ key: 'app', label: 'Tripnotes', url: site.server.url, gz: gz(fs.readFileSync(path.join(site.dir, wasm))) }];
  const servers = [];
  try {
    for (const [key, label] of [['shell', 'bare Leptos: the report downloaded, one read toggle'], ['list', `bare Leptos: the report read with serde, every title with a read toggle, a day filter`]]) {
      const bytes = fs.readFileSync(path.join(dir, `${key}_bg.wasm`));
      const overrides = { 'index.html': { body: page }, [js]: { body: fs.readFileSync(path.join(dir, `${key}.js`)) }, [wasm]: { body: bytes } };
      const server = await serve({ dir: site.dir, gzip: true, keepAlive: true, overrides });
      servers.push(server);
      pages.push({ key, label, url: server.url, gz: gz(bytes) });
    }
    const ready = Object.fromEntries(pages.map((p) => [p.key, []]));
    const base = [];
    for (let i = 0; i < LOAD_RUNS; i++) {
      for (const p of pages) ready[p.key].push((await appLoad(p.url, 4)).ready);
      const b = await baselineLoad(`${site.server.url}baseline.html`);
      base.push(Math.max(b.entry ?? b.fcp, b.dcl));
    }
    const baseline = median(base);
    print(`Median of ${LOAD_RUNS} runs each, ${site.label}; interactive as in the cold load above (a read toggle exists), against the same page without script (${ms(baseline)} ms).`);
    print();
    print('| page | wasm gzip KB | interactive | against the baseline | runs |');
    print('|---|---:|---:|---:|---|');
    for (const p of pages) {
      const runs = ready[p.key].map((r, k) => (r / base[k]).toFixed(2)).join(', ');
      print(`| ${p.label} | ${kb(p.gz)} | ${ms(median(ready[p.key]))} ms | ${(median(ready[p.key]) / baseline).toFixed(2)}x | ${runs} |`);
    }
    print();
    R.floor = Object.fromEntries(pages.map((p) => [p.key, median(ready[p.key]) / baseline]));
  } finally {
    for (const server of servers) await server.close();
  }
}

// -------------------------------------------------------------- budgets

function budgets(sites) {
  const rows = [];
  const row = (budget, figure, ok) => rows.push([budget, figure, ok === null ? 'not run' : ok === undefined ? 'error' : ok ? 'met' : '**missed**']);
  // A figure that is missing: an error, or a part that BENCH_ONLY left out.
  const none = (part, site = 'bundled') => (!want(part) ? ['not run (BENCH_ONLY)', null]
    : !wantSite(site) ? ['not run (BENCH_SITES)', null] : ['no figure', undefined]);
  if (R.code) row('1. App code at most 120 KB gzip (aim 100)', `${kb(R.code.gz)} KB (wasm ${kb(R.code.wasmGz)} KB)`, R.code.gz <= 120 * 1024);
  else row('1. App code at most 120 KB gzip (aim 100)', ...none('bytes'));
  for (const site of sites) {
    for (const [cpu, limit] of [[1, 33], [4, 100]]) {
      const r = R.interaction[site.key]?.[cpu];
      const what = `2. Filter tap and search key press at ${site.label}, interaction to next paint p95 at most ${limit} ms at ${cpu}x`;
      if (!r) { row(what, ...none('interaction')); continue; }
      const f = p95(r.filter.inp);
      const s = p95(r.search.inp);
      row(what, `filter ${inpMs(f)}, search ${inpMs(s)}`, f <= limit && s <= limit);
    }
  }
  const b = R.load.bundled;
  if (b) {
    const ratio = b.app.ready / b.base.interactive;
    const floorNote = R.floor ? `; bare Leptos on the same page (the floor): ${R.floor.shell.toFixed(2)}x with one toggle, ${R.floor.list.toFixed(2)}x with a bare list` : '';
    row('3. Interactive at 4x at most 1.5x the static baseline', `${ratio.toFixed(2)}x (${ms(b.app.ready)} ms against ${ms(b.base.interactive)} ms)${floorNote}`, ratio <= 1.5);
    const first = b.app.entry / b.base.entry;
    row('3. First entry visible at 4x within 1.2x the baseline', `${first.toFixed(2)}x (${ms(b.app.entry)} ms against ${ms(b.base.entry)} ms)`, first <= 1.2);
  } else {
    row('3. Interactive at 4x at most 1.5x the static baseline', ...none('load'));
    row('3. First entry visible at 4x within 1.2x the baseline', ...none('load'));
  }
  const st = R.startup;
  if (st) row('4. No task over 50 ms during start-up at 1x', `${st.count} over 50 ms (median run), longest ${st.longest > 0 ? `${ms(st.longest)} ms` : 'under 50 ms'}`, st.count === 0);
  else row('4. No task over 50 ms during start-up at 1x', ...none('startup'));
  const lh = R.lighthouse;
  if (!lh) row('4. Lighthouse mobile performance at least 95, total blocking time under 200 ms', 'not run (BENCH_LIGHTHOUSE=1 runs it)', null);
  else if (lh.skipped) row('4. Lighthouse mobile performance at least 95, total blocking time under 200 ms', `not run: ${lh.skipped}`, null);
  else row('4. Lighthouse mobile performance at least 95, total blocking time under 200 ms', `score ${lh.score}, TBT ${ms(lh.tbt)} ms (median of ${lh.runs})`, lh.score >= 95 && lh.tbt < 200);
  const big = R.load.synthetic;
  if (big) row(`5. ${BIG} entries interactive at 4x within 3 s`, `${ms(big.app.ready)} ms`, big.app.ready <= 3000);
  else row(`5. ${BIG} entries interactive at 4x within 3 s`, ...none('load', 'synthetic'));
  const programme = R.load.programme;
  if (programme) row('5. The 36C3 programme interactive at 4x within 3 s', `${ms(programme.app.ready)} ms`, programme.app.ready <= 3000);
  else if (sites.some((site) => site.key === 'programme')) row('5. The 36C3 programme interactive at 4x within 3 s', ...none('load'));
  const m = R.memory;
  if (m) {
    const before = m.loaded.js + m.loaded.wasm;
    const after = m.after.js + m.after.wasm;
    const mb = (n) => (n / 1048576).toFixed(1);
    row(`5. Memory at ${BIG} entries at most 60 MB, flat across ${INTERACTIONS} filter changes`, `${mb(before)} MB, then ${mb(after)} MB`, Math.max(before, after) <= 60 * 1048576 && after - before < 1048576);
  } else row(`5. Memory at ${BIG} entries at most 60 MB, flat across ${INTERACTIONS} filter changes`, ...none('interaction', 'synthetic'));
  print('### Budgets');
  print();
  print('| budget | figure | status |');
  print('|---|---|---|');
  for (const [what, figure, status] of rows) print(`| ${what} | ${figure} | ${status} |`);
  print();
}

// ----------------------------------------------------------------- main

/**
 * Marks the first card's title for Element Timing: its link, a block that
 * holds the title's text (text is reported for the block holding it).
 */
const markFirstEntry = (html) => html.replace(/<a (href="[^"]*" )?class="title-button"/, (link) => link.replace('<a ', '<a elementtiming="bench-first-entry" '));

async function makeSite(key, label, dir, note = null) {
  const index = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const server = await serve({
    dir,
    gzip: true,
    keepAlive: true,
    overrides: { 'index.html': { body: markFirstEntry(index) }, 'baseline.html': { body: markFirstEntry(baselineOf(index)) } },
  });
  const raw = Buffer.byteLength(index);
  return { key, label, dir, note, server, htmlBytes: key === 'bundled' ? null : { raw, gz: zlib.gzipSync(index).length } };
}

function entriesIn(file) {
  try {
    const entries = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')).entries;
    if (!Array.isArray(entries)) throw new Error('it has no "entries" list');
    return entries.length;
  } catch (e) {
    throw new Error(`${file} is not a report: ${e.message}`);
  }
}

/** Busy share of all cores over `ms`, from /proc/stat; null where there is none. */
async function busyShare(ms) {
  const read = () => {
    try {
      const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
      return { idle: fields[3] + (fields[4] || 0), total: fields.reduce((a, b) => a + b, 0) };
    } catch { return null; }
  };
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  return a && b && b.total > a.total ? 1 - (b.idle - a.idle) / (b.total - a.total) : null;
}

/** Waits (up to 90 s) until the build before the bench has let go of the cores. */
async function settle() {
  const start = Date.now();
  let busy = await busyShare(2000);
  while (busy !== null && busy > 0.1 && Date.now() - start < 90000) busy = await busyShare(2000);
  return { seconds: (Date.now() - start) / 1000, busy };
}

async function main() {
  const unknown = (only ?? []).filter((p) => !PARTS.includes(p));
  if (unknown.length) throw new Error(`BENCH_ONLY: no part named ${unknown.join(', ')} (parts: ${PARTS.join(', ')})`);
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error(`${dist} has no index.html: build first (tools/bench does)`);
  if (reportArg && !fs.existsSync(reportArg)) throw new Error(`--report ${reportArg}: no such file`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tripnotes-bench-'));
  const sites = [await makeSite('bundled', `bundled (${entriesIn(path.join(dist, 'report.json'))} entries)`, dist)];
  const measured = want('load') || want('interaction') || want('trace');
  if (measured && wantSite('synthetic')) {
    const bigFile = path.join(work, 'report.json');
    execFileSync('cargo', ['run', '--quiet', '--bin', 'tripnotes-synth', '--', String(BIG), bigFile], { cwd: root, stdio: 'inherit' });
    const big = siteFor({ dist, reportFile: bigFile, label: `the ${BIG}-entry report` });
    sites.push(await makeSite('synthetic', `synthetic (${BIG} entries)`, big.dir, big.note));
  }
  if (measured && wantSite('programme')) {
    // The real-size programme: the 36th Chaos Communication Congress.
    if (fs.existsSync(schedule)) {
      const file = path.join(work, '36c3.json');
      execFileSync('cargo', ['run', '--quiet', '--bin', 'tripnotes-import', '--', schedule, file], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
      const label = `36C3 programme (${entriesIn(file)} entries)`;
      const programme = siteFor({ dist, reportFile: file, label });
      sites.push(await makeSite('programme', label, programme.dir, programme.note));
    } else {
      print(`The 36C3 programme is not measured: ${schedule} is missing (set TRIPNOTES_PROGRAMMES).`);
      print();
    }
  }
  if (measured && reportArg && wantSite('extra')) {
    const label = `${path.basename(reportArg)} (${entriesIn(reportArg)} entries)`;
    const extra = siteFor({ dist, reportFile: path.resolve(reportArg), label });
    sites.push(await makeSite('extra', label, extra.dir, extra.note));
  }
  try {
    print(`## Benchmark, ${new Date().toISOString().slice(0, 10)} (${os.cpus().length} cores, ${os.cpus()[0].model.trim()}, Chromium headless)`);
    print();
    // Other work on the machine skews every timing: wait for it to stop,
    // and say how busy the machine was.
    const idle = await settle();
    print(`Waited ${idle.seconds.toFixed(0)} s for the cores to be idle; ${idle.busy === null ? 'no /proc/stat to tell' : `${(100 * idle.busy).toFixed(0)}% busy over the last 2 s`}.`);
    const load = () => os.loadavg().map((l) => l.toFixed(1)).join(', ');
    print(`Load average at the start (1, 5, 15 min): ${load()}.`);
    print();
    if (only) print(`Only: ${only.join(', ')} (BENCH_ONLY).`), print();
    if (want('bytes') || want('size')) bytes();
    if (want('size')) await section('size profile', 600, sizeProfile);
    if (want('load')) {
      for (const site of sites) await section(`cold load of ${site.label}`, 900, () => coldLoad(site));
      printLoad(sites);
    }
    if (want('startup')) await section('start-up tasks at 1x', 300, () => startupTasks(sites[0]));
    if (want('interaction')) {
      for (const site of sites) {
        for (const cpu of [1, 4]) {
          const memory = site.key === 'synthetic' && cpu === 1;
          await section(`interactions on ${site.label} at ${cpu}x`, 900, () => interaction(site, cpu, { memory }));
        }
      }
      printInteractions(sites);
      printMemory();
    }
    if (want('trace')) {
      const traced = sites.find((s) => s.key === traceSite);
      if (!traced) throw new Error(`BENCH_TRACE=${traceSite}: no such report measured (${sites.map((s) => s.key).join(', ')})`);
      await traces(traced);
    }
    if (want('lighthouse')) await section('Lighthouse', 900, () => lighthouse(dist));
    if (want('floor')) await section('the floor', 900, () => floor(sites[0]));
    const served = sites.reduce((a, s) => ({ gzip: a.gzip + s.server.served.gzip, identity: a.identity + s.server.served.identity }), { gzip: 0, identity: 0 });
    if (served.gzip + served.identity > 0) {
      print(`Served ${served.gzip} responses gzip and ${served.identity} uncompressed (images, or requests without Accept-Encoding).`);
      print();
    }
    print(`Load average at the end (1, 5, 15 min): ${load()}.`);
    print();
    budgets(sites);
    if (errors.length) {
      print('Measurements that failed:');
      for (const e of errors) print(`- ${e}`);
      print();
    }
  } finally {
    if (browser) await browser.close().catch(() => {});
    for (const site of sites) await site.server.close();
    for (const site of sites.slice(1)) fs.rmSync(site.dir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
  fs.mkdirSync(target, { recursive: true });
  fs.writeFileSync(path.join(target, 'bench.md'), out.join('\n') + '\n');
  // A full run is also kept as the dated record docs/benchmarks.md links.
  const dated = path.join(root, 'docs', 'benchmarks', `${new Date().toISOString().slice(0, 10)}.md`);
  const full = !process.env.BENCH_ONLY && !process.env.BENCH_SITES && !process.env.BENCH_BUNDLED_ONLY;
  if (full) {
    fs.mkdirSync(path.dirname(dated), { recursive: true });
    fs.writeFileSync(dated, out.join('\n') + '\n');
  }
  console.error(`\nwritten to target/bench.md${full ? ` and ${path.relative(root, dated)}` : ''}`);
  if (errors.length) process.exitCode = 1;
}

main().catch((e) => {
  console.error(`bench: ${e.message}`);
  process.exit(1);
});
