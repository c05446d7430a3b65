// The browser engines a reader's tests run in, behind one set of verbs:
// Chromium through Playwright, Firefox ESR through Puppeteer (WebDriver
// BiDi) and WebKitGTK, Safari's engine, through WebDriver against
// WebKitWebDriver and MiniBrowser under Xvfb. A page here answers to the
// names of a Playwright page that the harness's helpers use (ready,
// settled, shownIds, summary, screenshot...), so they serve every engine.
//
// What runs in every engine is a reader's walk, the files of
// every-engine/: the bundled report (reader.test.mjs), and the rooms,
// stars and calendar file of the programme (programme.test.mjs). Every
// other browser test runs in Chromium only, through Playwright:
// - those that need Chromium's own tools: CPU throttling and the Chrome
//   DevTools Protocol (typing on a slow phone, cache writes over quota,
//   the bench's Event Timing), Lighthouse, layout-shift entries (the
//   takeover without a shift), contexts with scripts off, service workers
//   blocked, requests routed, print and touch emulated;
// - those that check the app's own logic in more depth than an engine
//   changes: the rest of the viewer, the service worker's caches across
//   deploys, contrast, drift, adversarial and large reports, publishing.
import fs from 'node:fs';
import path from 'node:path';
import { dist } from '../harness.mjs';

const ENGINES = ['chromium', 'firefox', 'webkit'];

/** The engines to run: all, or those named in TRIPNOTES_ENGINES (comma-separated). */
export const engines = process.env.TRIPNOTES_ENGINES ? process.env.TRIPNOTES_ENGINES.split(',').map((e) => e.trim()) : ENGINES;
for (const name of engines) {
  if (!ENGINES.includes(name)) throw new Error(`TRIPNOTES_ENGINES names ${name}, not one of ${ENGINES.join(', ')}`);
}

/** Starts an engine; its contexts are separate profiles, its pages tabs. */
export async function launch(name) {
  const engine = await import(`./${name}.mjs`);
  const browser = await engine.launch();
  return {
    async newContext({ viewport }) {
      const context = await browser.newContext({ viewport });
      return {
        /** A tab, at `url` when given. */
        async newPage(url) {
          const page = new Page(await context.newPage());
          if (url) await page.goto(url);
          return page;
        },
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

/**
 * Overrides for the static server (tools/site/serve.mjs) that run `fn`
 * before the app starts, in every engine alike: a script of the site's own
 * origin, first in the page (WebDriver has no scripts that run before a
 * page's own).
 */
export function beforeApp(fn) {
  const page = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const injected = page.replace('<head>', '<head><script src="before-app.js"></script>');
  if (injected === page) throw new Error('index.html has no <head> to put a script in');
  return {
    'index.html': { body: injected },
    'before-app.js': { body: `(${fn})();` },
  };
}

/** The element `selector` finds, the `nth` of those whose text has `hasText`. */
function pick([selector, hasText, nth]) {
  const found = [...document.querySelectorAll(selector)].filter((e) => hasText === null || e.textContent.includes(hasText));
  return found[nth] ?? null;
}

const POLL_MS = 50;

/** One tab of any engine, with the verbs the tests use. */
class Page {
  constructor(raw) {
    this.raw = raw;
    this.keyboard = raw.keyboard;
  }

  /** Uncaught errors and console errors, or null where the engine's driver cannot see them. */
  get errors() { return this.raw.errors; }

  goto(url) { return this.raw.goto(url); }
  reload() { return this.raw.reload(); }
  url() { return this.raw.url(); }
  evaluate(fn, arg) { return this.raw.evaluate(fn, arg ?? null); }
  setViewportSize(size) { return this.raw.setViewportSize(size); }
  screenshot({ path: file }) { return this.raw.screenshot(file); }
  /** Puts `file` into the file input `selector`, as a reader choosing it. */
  setInputFiles(selector, file) { return this.raw.upload(selector, file); }
  /** The file that `action` makes the page download: its name and text. */
  download(action) { return this.raw.download(action); }

  // The history steps of the page itself: the drivers differ in what they
  // wait for after a same-document step; the tests wait for what they expect.
  goBack() { return this.evaluate(() => history.back()); }
  goForward() { return this.evaluate(() => history.forward()); }

  waitForTimeout(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }

  /** Polls `fn(arg)` in the page until it is truthy; a navigation in between is waited out. */
  async waitForFunction(fn, arg = null, { timeout = 20000 } = {}) {
    // A boolean, as the value may be an object no driver can send back.
    const truthy = new Function('arg', `return Boolean((${fn})(arg));`);
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        if (await this.evaluate(truthy, arg)) return;
      } catch (e) {
        last = e;
      }
      if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${fn}${last ? `: ${last.message}` : ''}`);
      await this.waitForTimeout(POLL_MS);
    }
  }

  /** Waits until `selector` is in the page (attached), visible (the default) or gone (detached). */
  waitForSelector(selector, { state = 'visible', timeout } = {}) {
    return this.waitForFunction(([selector, state]) => {
      const element = document.querySelector(selector);
      if (state === 'detached') return !element;
      return element && (state === 'attached' || element.getClientRects().length > 0);
    }, [selector, state], { timeout });
  }

  /** Waits for the element, brings it into view, then clicks it as a pointer does. */
  async click(selector, { hasText = null, nth = 0 } = {}) {
    const arg = [selector, hasText, nth];
    await this.waitForFunction(pick, arg);
    // Cards further down take their real height only once in view, moving
    // what is below them: the drivers' own scrolling would click where the
    // element was. So it is scrolled to first, and clicked once laid out.
    const scroll = new Function('arg', `(${pick})(arg).scrollIntoView({ block: 'center', behavior: 'instant' });
      return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));`);
    await this.evaluate(scroll, arg);
    await this.raw.click(pick, arg);
  }

  async focus(selector) {
    await this.waitForSelector(selector, { state: 'attached' });
    await this.evaluate((s) => document.querySelector(s).focus(), selector);
  }

  /** Types `text` in place of what the field holds, key by key. */
  async fill(selector, text, { delay = 0 } = {}) {
    await this.focus(selector);
    await this.evaluate((s) => document.querySelector(s).select(), selector);
    await this.keyboard.type(text, { delay });
  }

  textContent(selector) { return this.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector); }
  getAttribute(selector, name) { return this.evaluate(([s, n]) => document.querySelector(s)?.getAttribute(n) ?? null, [selector, name]); }
  inputValue(selector) { return this.evaluate((s) => document.querySelector(s).value, selector); }
  count(selector) { return this.evaluate((s) => document.querySelectorAll(s).length, selector); }
  isVisible(selector) { return this.evaluate((s) => (document.querySelector(s)?.getClientRects().length ?? 0) > 0, selector); }

  /** `fn` of every element `selector` finds; `fn` must stand alone (it runs in the page). */
  $$eval(selector, fn) {
    const run = new Function('selector', `return (${fn})([...document.querySelectorAll(selector)]);`);
    return this.evaluate(run, selector);
  }
}
