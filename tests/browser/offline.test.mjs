// The service worker's promises: network first for the app page and the
// report (a bad answer falls back to the kept copy), caches that belong to
// one deployment, only the app page kept as the page, and cache writes that
// may fail without the reader noticing.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, open, ready, controlled, bundledReport, prerender, dist, DESKTOP } from './harness.mjs';

const report = bundledReport();
const total = report.entries.length;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** One visit, until the service worker controls the page. */
async function visitOnce(overrides = {}) {
  const server = await serve({ overrides });
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await open(context, server.url);
  await ready(page);
  await controlled(page);
  return { server, context, page };
}

/** The app has rendered the whole report, with no error shown or logged. */
async function rendersReport(page) {
  await ready(page);
  assert.equal(await page.textContent('.summary .count'), `${total} of ${total} entries`);
  assert.equal(await page.locator('.load-notice, .error-page').count(), 0);
  assert.deepEqual(page.errors, []);
}

const cacheNames = (page) => page.evaluate(() => caches.keys());

/** A copy of the build whose worker has another version: another deployment. */
function otherBuild(version) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tripnotes-build-'));
  fs.cpSync(dist, dir, { recursive: true });
  setVersion(dir, version);
  return dir;
}

function setVersion(dir, version) {
  const file = path.join(dir, 'sw.js');
  const script = fs.readFileSync(file, 'utf8');
  const changed = script.replace(/^const VERSION = "[^"]*";$/m, `const VERSION = "${version}";`);
  assert.notEqual(changed, script, 'sw.js has a VERSION to change');
  fs.writeFileSync(file, changed);
}

/**
 * One origin in front of several static servers, each chosen by its path
 * prefix: deployments in sub-folders of one host.
 */
async function oneOrigin(servers) {
  const proxy = http.createServer((req, res) => {
    const backend = servers.find((s) => req.url.startsWith(new URL(s.url).pathname));
    if (!backend) {
      res.writeHead(404).end('not here');
      return;
    }
    const forward = http.request(new URL(req.url, backend.url), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${proxy.address().port}`,
    close: async () => {
      await new Promise((resolve) => { proxy.closeAllConnections(); proxy.close(resolve); });
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}

describe('network first', () => {
  for (const status of [503, 404]) {
    it(`a ${status} for the page and report.json gives the kept copies`, async () => {
      const overrides = {};
      const { server, context, page } = await visitOnce(overrides);
      overrides['index.html'] = { status, body: 'unavailable' };
      overrides['report.json'] = { status, body: 'unavailable' };
      await page.reload();
      await rendersReport(page);
      await context.close();
      await server.close();
    });
  }

  it('a web page where report.json belongs (a Wi-Fi login page) gives the kept copy, and never replaces it', async () => {
    const overrides = {};
    const { server, context, page } = await visitOnce(overrides);
    overrides['report.json'] = { type: 'text/html; charset=utf-8', body: '<!doctype html><title>Log in to the Wi-Fi</title>' };
    await page.reload();
    await rendersReport(page);
    await context.setOffline(true);
    await page.reload();
    await rendersReport(page);
    await context.close();
    await server.close();
  });

  it('when cache writes fail, the network report still reaches the page', async () => {
    const overrides = {};
    const { server, context, page } = await visitOnce(overrides);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(server.url).origin, quotaSize: 1 });
    const refused = await page.evaluate(async () => {
      try {
        await (await caches.open('probe')).put('probe', new Response('x'.repeat(4096)));
        return false;
      } catch {
        return true;
      }
    });
    assert.ok(refused, 'the quota makes cache writes fail');
    const updated = bundledReport();
    updated.title = `${report.title} (revised)`;
    overrides['report.json'] = { body: JSON.stringify(updated) };
    await page.reload();
    await ready(page);
    assert.equal(await page.textContent('h1'), updated.title);
    assert.equal(await page.locator('.load-notice, .error-page').count(), 0);
    await context.close();
    await server.close();
  });
});

describe('the app page', () => {
  it('opening report.json in a tab does not replace the kept app page', async () => {
    const { server, context, page } = await visitOnce();
    const tab = await context.newPage();
    const answer = await tab.goto(`${server.url}report.json`);
    assert.equal((await answer.json()).id, report.id);
    await context.setOffline(true);
    await tab.goto(`${server.url}?day=2024-03-19#opening-remarks`);
    await ready(tab);
    await page.goto(server.url);
    await rendersReport(page);
    await context.close();
    await server.close();
  });

  it('a kept file missing from the cache is kept again when fetched', async () => {
    const { server, context, page } = await visitOnce();
    // As storage eviction (or another site's worker) would leave it.
    await page.evaluate(async () => { for (const name of await caches.keys()) await caches.delete(name); });
    await page.reload();
    await ready(page);
    await page.evaluate(async () => {
      const built = performance.getEntriesByType('resource').map((e) => e.name).filter((u) => /\.(js|wasm|css)$/.test(u) && !u.endsWith('/sw.js'));
      for (let i = 0; i < 100; i++) {
        const kept = await Promise.all(built.map((u) => caches.match(u)));
        if (built.length > 0 && kept.every(Boolean)) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`not kept again: ${built.join(', ')}`);
    });
    await context.setOffline(true);
    await page.reload();
    await rendersReport(page);
    await context.close();
    await server.close();
  });
});

describe('a new deploy', () => {
  /** Another build of the app: its script and wasm under other names. */
  function renamedBuild() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tripnotes-build-'));
    fs.cpSync(dist, dir, { recursive: true });
    let index = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    const app = fs.readdirSync(dir).filter((f) => /^tripnotes-.*(\.js|_bg\.wasm)$/.test(f));
    assert.equal(app.length, 2, `the build's script and wasm: ${app}`);
    for (const name of app) {
      const renamed = name.replace(/^tripnotes-/, 'tripnotes-next-');
      fs.renameSync(path.join(dir, name), path.join(dir, renamed));
      index = index.replaceAll(name, renamed);
    }
    fs.writeFileSync(path.join(dir, 'index.html'), index);
    prerender(dir);
    return dir;
  }

  it('a page of a build whose worker has not taken over is used online but not kept', async () => {
    const { server: first, context, page } = await visitOnce();
    const port = Number(new URL(first.url).port);
    const worker = fs.readFileSync(path.join(dist, 'sw.js'), 'utf8');
    await first.close();
    // The new build on the same address; its worker stays the old one (the
    // same script), as when installing the new one fails on a bad network.
    const dir = renamedBuild();
    const next = await serve({ dir, port, overrides: { 'sw.js': { body: worker } } });
    await page.reload();
    await rendersReport(page);
    assert.equal(await page.locator('script[type=module]').evaluate((s) => s.textContent.includes('tripnotes-next-')), true);
    await context.setOffline(true);
    await page.reload();
    await rendersReport(page);
    await context.close();
    await next.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('two deployments on one origin', () => {
  let dirs;
  before(() => { dirs = { a: otherBuild('a00001'), b: otherBuild('b00001') }; });
  after(() => { for (const dir of Object.values(dirs)) fs.rmSync(dir, { recursive: true, force: true }); });

  it('each keeps its own caches, offline and across a new deploy', async () => {
    const host = await oneOrigin([await serve({ dir: dirs.a, prefix: '/a/' }), await serve({ dir: dirs.b, prefix: '/b/' })]);
    const context = await browser.newContext({ viewport: DESKTOP });
    const a = await open(context, `${host.origin}/a/`);
    await ready(a);
    await controlled(a);
    const ofA = await cacheNames(a);
    assert.ok(ofA.length > 0);
    // Caches as older workers named them: one holding /a/'s page, one /b/'s.
    await a.evaluate(async (origin) => {
      await (await caches.open('tripnotes-0000aa')).put(`${origin}/a/`, new Response('old a'));
      await (await caches.open('tripnotes-0000bb')).put(`${origin}/b/`, new Response('old b'));
    }, host.origin);

    const b = await open(context, `${host.origin}/b/`);
    await ready(b);
    await controlled(b);
    const afterB = await cacheNames(b);
    for (const name of ofA) assert.ok(afterB.includes(name), `${name} survives a visit to /b/`);
    assert.ok(afterB.includes('tripnotes-0000aa'), "/b/ leaves /a/'s older cache alone");
    assert.ok(!afterB.includes('tripnotes-0000bb'), '/b/ removes its own older cache');
    const ofB = afterB.filter((name) => !ofA.includes(name) && name !== 'tripnotes-0000aa');
    assert.ok(ofB.length > 0);

    await context.setOffline(true);
    await a.reload();
    await rendersReport(a);
    await b.reload();
    await rendersReport(b);

    // A new deploy of /a/ replaces /a/'s caches only.
    await context.setOffline(false);
    setVersion(dirs.a, 'a00002');
    await a.evaluate(async () => {
      window.previousWorker = navigator.serviceWorker.controller;
      await (await navigator.serviceWorker.getRegistration()).update();
    });
    // Activated, not just in control: its clean-up has finished.
    await a.waitForFunction(() => {
      const worker = navigator.serviceWorker.controller;
      return worker && worker !== window.previousWorker && worker.state === 'activated';
    }, null, { timeout: 20000 });
    const afterDeploy = await cacheNames(a);
    for (const name of ofA) assert.ok(!afterDeploy.includes(name), `${name} is replaced by the new deploy`);
    assert.ok(!afterDeploy.includes('tripnotes-0000aa'), '/a/ removes its own older cache');
    for (const name of ofB) assert.ok(afterDeploy.includes(name), `${name} survives a new deploy of /a/`);
    await context.setOffline(true);
    await a.reload();
    await rendersReport(a);
    await b.reload();
    await rendersReport(b);
    await context.close();
    await host.close();
  });
});
