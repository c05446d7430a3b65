// Shared by the browser tests: a static server for the built app (at any
// path prefix, with files swapped or broken on demand) and Debian's Chromium.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
// TRIPNOTES_DIST tests another built folder than dist/ (a second build side by side).
export const dist = process.env.TRIPNOTES_DIST ? path.resolve(process.env.TRIPNOTES_DIST) : path.join(root, 'dist');
export const artifacts = path.join(here, 'artifacts');

/** Content types by file extension, as a static host sends them. */
export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/** The real conference programmes the programme tests and the bench read. */
export const programmes = process.env.TRIPNOTES_PROGRAMMES || path.join(root, '../shared/data/programmes');
export const schedule36c3 = path.join(programmes, '36c3-everything.schedule.json');

export function bundledReport() {
  return JSON.parse(fs.readFileSync(path.join(root, 'public/report.json'), 'utf8'));
}

/**
 * Serves `dir` on loopback (`port`, or a free one) under `prefix`, or under each of
 * several prefixes (two deployments on one origin). `overrides` maps a file
 * name (relative to the prefix) to { status, body, type } to replace it, or to
 * { drop: true } to cut the connection without an answer. Only a server
 * started with `keepAlive` (a tool's) keeps the process running.
 */
export async function serve({ dir = dist, prefix = '/', overrides = {}, port = 0, keepAlive = false } = {}) {
  const prefixes = [prefix].flat();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let pathname = decodeURIComponent(url.pathname);
    const base = prefixes.find((p) => pathname.startsWith(p));
    if (base === undefined) {
      res.writeHead(404).end('not here');
      return;
    }
    let name = pathname.slice(base.length);
    if (name === '' || name.endsWith('/')) name += 'index.html';
    const override = overrides[name];
    if (override?.drop) {
      req.socket.destroy();
      return;
    }
    if (override) {
      res.writeHead(override.status ?? 200, { 'content-type': override.type ?? CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream' });
      res.end(override.body ?? '');
      return;
    }
    const file = path.join(dir, name);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  // A test that fails before closing its server must not keep the test
  // process (and so the whole run) from ending; a tool's server must.
  if (!keepAlive) server.unref();
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    url: `${origin}${prefixes[0]}`,
    urls: prefixes.map((p) => `${origin}${p}`),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

export const CHROMIUM = '/usr/bin/chromium';

export async function launch() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run tools/setup --test (it installs Debian's chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/**
 * A copy of the built site in a new temporary folder, for publishing
 * another report in it as the README says: `write(file)` puts that report
 * at the copy's report.json; `prerender` then renders its static page.
 */
export function copySite(write, { from = dist, prefix = 'tripnotes-site-' } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(from, dir, { recursive: true });
  const file = path.join(dir, 'report.json');
  write(file);
  return { dir, file };
}

/** Runs the build's static-page step on a site folder; throws on failure. */
export function prerender(dir) {
  cargoRun('tripnotes-prerender', [dir]);
}

/** Runs one of this crate's command-line tools; throws on failure. */
export function cargoRun(bin, args) {
  execFileSync('cargo', ['run', '--quiet', '--bin', bin, '--', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
}

export const PHONE = { width: 360, height: 640 };
export const DESKTOP = { width: 1280, height: 800 };

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
