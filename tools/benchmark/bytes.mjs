// Bytes of every built file, raw, gzip and brotli, and of the app code
// alone (the page shell, not the static report it carries).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { dist } from '../project.mjs';
import { kb } from './figures.mjs';
import { print, R } from './output.mjs';
import { APP_CODE_BUDGET_KB } from './budgets.mjs';

export function bytes() {
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
  print(`App code (page shell + js + wasm + css): **${kb(code.gz)} KB gzip**, ${kb(code.br)} KB brotli (budget ${APP_CODE_BUDGET_KB} KB gzip). The static report in index.html adds ${kb(sizes['index.html'].gz - shellGz)} KB gzip.`);
  print(`A first visit transfers (app code + report.json): ${kb(visit.gz)} KB gzip, ${kb(visit.br)} KB brotli; the service worker then fetches the icons and manifest.`);
  print();
  R.code = { gz: code.gz, wasmGz: wasm?.[1].gz ?? 0, wasmRaw: wasm?.[1].raw ?? 0 };
}
