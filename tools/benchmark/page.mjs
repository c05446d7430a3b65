// A measured page in headless Chromium: a fresh context per measurement,
// at a CPU slowdown, with the page instrumented before its own scripts run.
import { launch, DESKTOP } from '../chromium.mjs';
import { contexts, withTimeout } from './section.mjs';

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

/** Closes the browser, if a measurement started one. */
export async function closeBrowser() {
  if (browser) await browser.close().catch(() => {});
}

/** A fresh context and page at `cpu` slowdown, closed after `fn`. */
export async function withPage({ cpu = 1 }, fn) {
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
export function whenReady(page, seconds) {
  const told = page.waitForEvent('console', { predicate: (m) => m.text() === 'tripnotes-bench: ready', timeout: 0 });
  return withTimeout(told, seconds, 'waiting for ready').then(() => page.evaluate(() => window.__bench.ready));
}

/** Waits for one of instrument()'s moments and returns its time. */
export const moment = (page, name, seconds) => withTimeout(page.evaluate((n) => window.__bench[`${n}P`], name), seconds, `waiting for ${name}`);
export const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));
/** Lets start-up work after the first render finish before measuring. */
export async function quiet(page, seconds = 1.5) {
  await page.waitForTimeout(seconds * 1000);
  await frames(page);
}
