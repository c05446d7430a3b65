// The benchmark: serves the release build on loopback (gzip, as a static
// host serves it), drives headless Chromium with real input through the
// DevTools protocol, and prints a table of bytes, size owners, cold load,
// interaction latency, start-up tasks, memory and the speed budgets. Run it
// with tools/bench, which builds first; `node tools/benchmark/main.mjs
// [--report FILE.json]` measures whatever is built already. Each part is a
// module of this folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { cargoRun, dist, root, schedule36c3 as schedule } from '../project.mjs';
import { BIG, PARTS, only, reportArg, target, traceSite, want, wantSite } from './config.mjs';
import { out, print, errors } from './output.mjs';
import { section } from './section.mjs';
import { closeBrowser } from './page.mjs';
import { settle } from './idle.mjs';
import { makeSite, siteFor, entriesIn } from './sites.mjs';
import { bytes } from './bytes.mjs';
import { sizeProfile } from './size.mjs';
import { coldLoad, printLoad } from './load.mjs';
import { startupTasks } from './startup.mjs';
import { interaction, printInteractions, printMemory } from './interaction.mjs';
import { traces } from './trace.mjs';
import { lighthouse } from './lighthouse.mjs';
import { floor } from './floor.mjs';
import { budgets } from './budgets.mjs';

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
      cargoRun('tripnotes-import', [schedule, file]);
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
    await closeBrowser();
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
