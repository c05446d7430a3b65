// The floor: two bare Leptos apps (tools/floor) loaded on the app's own
// page, for what any Leptos app costs at start-up.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve } from '../site/serve.mjs';
import { LOAD_RUNS } from './config.mjs';
import { kb, ms, median } from './figures.mjs';
import { print, R } from './output.mjs';
import { appLoad, baselineLoad } from './load.mjs';
import { markFirstEntry } from './sites.mjs';

/**
 * What any Leptos app costs to take this page over: the two bare apps of
 * tools/floor, served in place of the app's script and wasm on the same
 * page, each loaded in turn with the app and the baseline so that all
 * four run under the same load.
 */
export async function floor(site) {
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
