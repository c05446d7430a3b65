// WebKitGTK (Debian's), Safari's engine: MiniBrowser driven by
// WebKitWebDriver over WebDriver, on an Xvfb display of its own (MiniBrowser
// has no headless mode). Each context is a WebKitWebDriver with a home
// folder of its own: its own storage, service workers and downloads.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Builder, Capabilities, Key } from 'selenium-webdriver';
import { fromFolder } from './downloads.mjs';

const DRIVER = '/usr/bin/WebKitWebDriver';
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const KEYS = { Enter: Key.ENTER, Escape: Key.ESCAPE, Space: Key.SPACE, Tab: Key.TAB, Backspace: Key.BACK_SPACE };

export async function launch() {
  for (const file of [DRIVER, MINIBROWSER]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run tools/setup --test (it installs Debian's webkit2gtk-driver)`);
  }
  const xvfb = await startXvfb();
  const contexts = new Set();
  return {
    async newContext({ viewport }) {
      const context = await startContext(xvfb.display, viewport);
      contexts.add(context);
      return {
        newPage: () => context.newPage(),
        async close() {
          contexts.delete(context);
          await context.close();
        },
      };
    },
    async close() {
      await Promise.all([...contexts].map((c) => c.close()));
      await xvfb.stop();
    },
  };
}

/** Kills `child` when this test process ends, however it ends. */
function ownedChild(child) {
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return async () => {
    process.off('exit', kill);
    kill();
    await exited;
  };
}

/** Xvfb on a display number it picks itself from the free ones. */
async function startXvfb() {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1600x1200x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  const stop = ownedChild(xvfb);
  const display = await new Promise((resolve, reject) => {
    let out = '';
    xvfb.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
  return { display, stop };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** WebKitWebDriver on a free port, once it answers. */
async function startDriver(env) {
  const port = await freePort();
  const server = spawn(DRIVER, [`--port=${port}`, '--host=127.0.0.1'], { env, stdio: 'ignore' });
  const stop = ownedChild(server);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/status`)).ok) break;
    } catch (e) {
      if (i > 100) throw new Error(`WebKitWebDriver did not start: ${e.message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, stop };
}

async function startContext(display, viewport) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'tripnotes-webkit-'));
  const downloads = path.join(home, 'Downloads');
  fs.mkdirSync(path.join(home, '.config'), { recursive: true });
  fs.mkdirSync(downloads);
  fs.writeFileSync(path.join(home, '.config/user-dirs.dirs'), 'XDG_DOWNLOAD_DIR="$HOME/Downloads"\n');
  const env = { ...process.env, DISPLAY: display, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local/share'), XDG_CACHE_HOME: path.join(home, '.cache'),
    // Mesa's shader cache is written by processes that outlive the session.
    MESA_SHADER_CACHE_DISABLE: 'true' };
  // MiniBrowser now and then fails to come up under Xvfb, and
  // WebKitWebDriver then waits for it forever: a session that is not there
  // in 30 s is given up, with its driver, and tried once more.
  let driver, stop;
  for (let attempt = 1; !driver; attempt++) {
    let url;
    ({ url, stop } = await startDriver(env));
    const capabilities = new Capabilities();
    capabilities.set('browserName', 'MiniBrowser');
    capabilities.set('webkitgtk:browserOptions', { binary: MINIBROWSER, args: ['--automation'] });
    const session = new Builder().usingServer(url).withCapabilities(capabilities).build();
    // Given up, it may still fail later: that is no error of the test's.
    session.catch(() => {});
    let timer;
    const late = new Promise((resolve) => { timer = setTimeout(resolve, 30_000); });
    driver = await Promise.race([session, late]);
    clearTimeout(timer);
    if (!driver) {
      await stop();
      if (attempt === 2) throw new Error('MiniBrowser did not start a WebDriver session in 30 s, twice');
    }
  }
  // WebDriver drives one window at a time: a tab's command switches to it
  // first, one command after the other.
  let queue = Promise.resolve();
  let current = await driver.getWindowHandle();
  let first = true;
  const inTab = (handle, task) => {
    const run = queue.then(async () => {
      if (current !== handle) {
        await driver.switchTo().window(handle);
        current = handle;
      }
      return task();
    });
    queue = run.catch(() => {});
    return run;
  };
  return {
    async newPage() {
      let handle;
      if (first) {
        first = false;
        handle = current;
      } else {
        handle = await inTab(current, async () => {
          await driver.switchTo().newWindow('tab');
          current = await driver.getWindowHandle();
          return current;
        });
      }
      const page = wrap(driver, (task) => inTab(handle, task), downloads);
      await page.setViewportSize(viewport);
      return page;
    },
    async close() {
      await driver.quit().catch(() => {});
      await stop();
      fs.rmSync(home, { recursive: true, force: true, maxRetries: 10 });
    },
  };
}

function wrap(driver, inTab, downloads) {
  const keys = (sequence) => inTab(() => driver.actions().sendKeys(...sequence).perform());
  return {
    // WebDriver has no event for a page's uncaught errors.
    errors: null,
    keyboard: {
      press: (key) => keys([KEYS[key] ?? key]),
      async type(text, { delay = 0 } = {}) {
        if (!delay) return keys([...text]);
        for (const c of text) {
          await keys([c]);
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
      },
    },
    goto: (url) => inTab(() => driver.get(url)),
    reload: () => inTab(() => driver.navigate().refresh()),
    url: () => inTab(() => driver.getCurrentUrl()),
    evaluate: (fn, arg) => inTab(() => driver.executeScript(fn, arg)),
    // The window around the page (its toolbar) takes the rest; the toolbar
    // keeps the window from going narrower than about 450 px.
    setViewportSize: ({ width, height }) => inTab(async () => {
      await driver.manage().window().setRect({ width, height });
      const inner = await driver.executeScript(() => [window.innerWidth, window.innerHeight]);
      await driver.manage().window().setRect({ width: 2 * width - inner[0], height: 2 * height - inner[1] });
    }),
    screenshot: (file) => inTab(async () => fs.writeFileSync(file, await driver.takeScreenshot(), 'base64')),
    click: (find, arg) => inTab(async () => (await driver.executeScript(find, arg)).click()),
    upload: (selector, file) => inTab(async () => (await driver.executeScript((s) => document.querySelector(s), selector)).sendKeys(file)),
    download: (action) => fromFolder(downloads, action),
  };
}
