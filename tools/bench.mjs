// The benchmark: serves the release build on loopback, drives headless
// Chromium through the DevTools protocol, and prints a table of bytes, cold
// load, interaction latency and memory. Run it with tools/bench.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { serve, launch, dist, root, DESKTOP } from '../tests/browser/harness.mjs';

const LOAD_RUNS = 5;
const INTERACTIONS = 50;
const BIG = 5000;

const kb = (n) => (n / 1024).toFixed(1);
const ms = (n) => n.toFixed(0);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const out = [];
const print = (line = '') => { out.push(line); console.log(line); };

// 1. Bytes
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
  const shell = index.replace(/<!--prerendered body-->[\s\S]*<!--\/prerendered body-->/, "");
  const shellGz = zlib.gzipSync(shell, { level: 9 }).length;
  const shellBr = zlib.brotliCompressSync(shell).length;
  const pick = (pred) => Object.entries(sizes).filter(([f]) => pred(f)).reduce((a, [, s]) => ({ gz: a.gz + s.gz, br: a.br + s.br }), { gz: 0, br: 0 });
  const assets = pick((f) => /\.(js|wasm|css)$/.test(f) && f !== 'sw.js');
  const code = { gz: assets.gz + shellGz, br: assets.br + shellBr };
  const visit = pick((f) => /\.(html|js|wasm|css)$/.test(f) && f !== 'sw.js' || f === 'report.json');
  print();
  print(`App code (page shell + js + wasm + css): **${kb(code.gz)} KB gzip**, ${kb(code.br)} KB brotli (budget 120 KB gzip). The static report in index.html adds ${kb(sizes['index.html'].gz - shellGz)} KB gzip.`);
  print(`A first visit transfers (app code + report.json): ${kb(visit.gz)} KB gzip, ${kb(visit.br)} KB brotli; the service worker then fetches the icons and manifest.`);
  print();
}

/** Records when the app is ready, and the wasm instance for its memory. */
function instrument() {
  window.__ready = null;
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
  new MutationObserver((_, observer) => {
    if (document.querySelector('button.read-toggle')) {
      window.__ready = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

async function page(browser, url, { cpu = 1, block = true } = {}) {
  const context = await browser.newContext({ viewport: DESKTOP, serviceWorkers: block ? 'block' : 'allow' });
  await context.addInitScript(instrument);
  const p = await context.newPage();
  const cdp = await context.newCDPSession(p);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  await p.goto(url);
  return { context, page: p, cdp };
}

const firstPaint = (p) => p.evaluate(() => new Promise((resolve) => {
  const done = () => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    if (fcp) resolve(fcp.startTime); else setTimeout(done, 20);
  };
  done();
}));

// 2. Cold load
async function coldLoad(browser, server) {
  const app = { visible: [], responds: [] };
  const base = [];
  for (let i = 0; i < LOAD_RUNS; i++) {
    const a = await page(browser, server.url, { cpu: 4 });
    app.visible.push(await firstPaint(a.page));
    await a.page.waitForFunction(() => window.__ready !== null, null, { timeout: 60000 });
    app.responds.push(await a.page.evaluate(() => window.__ready));
    await a.context.close();
    const b = await page(browser, `${server.url}baseline.html`, { cpu: 4 });
    base.push(await firstPaint(b.page));
    await b.context.close();
  }
  const visible = median(app.visible);
  const baseline = median(base);
  print(`### Cold load at 4x CPU slowdown (median of ${LOAD_RUNS})`);
  print();
  print('| page | first entry visible | first filter responds |');
  print('|---|---:|---:|');
  print(`| Tripnotes | ${ms(visible)} ms | ${ms(median(app.responds))} ms |`);
  print(`| baseline: the same first screen as plain HTML, no script | ${ms(baseline)} ms | – |`);
  print();
  print(`Ratio to the baseline: **${(visible / baseline).toFixed(2)}x** (budget 2x and 600 ms).`);
  print();
}

/** Times actions from the event to the next paint, in the page. */
async function latencies(p, kind) {
  return p.evaluate(async ({ kind, n }) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const days = [...document.querySelectorAll('.days .segment input')];
    const search = document.getElementById('search');
    const words = ['kernel', 'observability', 'incident severity', 'burnout', 'gagne', 'frontend'];
    const keys = words.flatMap((w) => [...[...w].map((_, i) => w.slice(0, i + 1)), '']);
    const times = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      if (kind === 'filter') {
        days[i % days.length].click();
      } else {
        search.value = keys[i % keys.length];
        search.dispatchEvent(new Event('input', { bubbles: true }));
      }
      await frame();
      times.push(performance.now() - t0);
    }
    return times;
  }, { kind, n: INTERACTIONS });
}

// 3. Latency and 4. memory
async function interaction(browser, bundled, big) {
  print(`### Filter and search: event to next paint, ${INTERACTIONS} interactions each`);
  print();
  print('| report | CPU | filter median | filter p95 | search median | search p95 |');
  print('|---|---|---:|---:|---:|---:|');
  for (const [name, server] of [['bundled (41 entries)', bundled], [`synthetic (${BIG} entries)`, big]]) {
    for (const cpu of [1, 4]) {
      const { context, page: p } = await page(browser, server.url, { cpu });
      await p.waitForFunction(() => window.__ready !== null, null, { timeout: 120000 });
      const filter = await latencies(p, 'filter');
      const search = await latencies(p, 'search');
      print(`| ${name} | ${cpu}x | ${ms(median(filter))} ms | ${ms(p95(filter))} ms | ${ms(median(search))} ms | ${ms(p95(search))} ms |`);
      await context.close();
    }
  }
  print();
  const { context, page: p, cdp } = await page(browser, big.url);
  await p.waitForFunction(() => window.__ready !== null, null, { timeout: 120000 });
  const memory = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const wasm = await p.evaluate(() => window.__wasm.memory.buffer.byteLength);
    return { js: usedSize, wasm };
  };
  const loaded = await memory();
  await latencies(p, 'filter');
  const after = await memory();
  const mb = (n) => (n / 1048576).toFixed(1);
  print(`### Memory with ${BIG} entries (JS heap after GC + wasm memory)`);
  print();
  print('| moment | JS heap MB | wasm MB | total MB |');
  print('|---|---:|---:|---:|');
  print(`| after loading | ${mb(loaded.js)} | ${mb(loaded.wasm)} | ${mb(loaded.js + loaded.wasm)} |`);
  print(`| after ${INTERACTIONS} filter changes | ${mb(after.js)} | ${mb(after.wasm)} | ${mb(after.js + after.wasm)} |`);
  print();
  print('Budget: 60 MB, not growing across filter changes.');
  await context.close();
}

const index = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const baseline = index
  .replace(/<script type="module">[\s\S]*?<\/script>/, '')
  .replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
const big = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tripnotes-bench-')), 'report.json');
execFileSync('cargo', ['run', '--quiet', '--bin', 'tripnotes-synth', '--', String(BIG), big], { cwd: root, stdio: 'inherit' });

const bundledServer = await serve({ overrides: { 'baseline.html': { body: baseline } } });
const bigServer = await serve({ overrides: { 'report.json': { body: fs.readFileSync(big) } } });
const browser = await launch();
try {
  print(`## Benchmark, ${new Date().toISOString().slice(0, 10)} (${os.cpus().length} cores, ${os.cpus()[0].model.trim()}, Chromium headless)`);
  print();
  bytes();
  await coldLoad(browser, bundledServer);
  await interaction(browser, bundledServer, bigServer);
} finally {
  await browser.close();
  await bundledServer.close();
  await bigServer.close();
}
fs.mkdirSync(path.join(root, 'target'), { recursive: true });
fs.writeFileSync(path.join(root, 'target/bench.md'), out.join('\n') + '\n');
console.error('\nwritten to target/bench.md');
