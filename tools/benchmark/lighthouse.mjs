// Lighthouse's mobile performance runs on the bundled report, as published.
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CHROMIUM } from '../chromium.mjs';
import { serve } from '../site/serve.mjs';
import { target } from './config.mjs';
import { ms, median } from './figures.mjs';
import { print, R } from './output.mjs';

const run = promisify(execFile);

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

export async function lighthouse(dir) {
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
