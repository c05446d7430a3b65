// Long tasks during start-up at 1x, until a second after the app is ready.
import { LOAD_RUNS } from './config.mjs';
import { ms, median } from './figures.mjs';
import { print, R } from './output.mjs';
import { appLoad } from './load.mjs';

export async function startupTasks(site) {
  const runs = [];
  for (let i = 0; i < LOAD_RUNS; i++) runs.push(await appLoad(site.server.url, 1));
  const per = runs.map((r) => ({
    count: r.longtasks.filter((t) => t.duration > 50).length,
    longest: Math.max(0, ...r.longtasks.map((t) => t.duration)),
  }));
  const result = {
    count: median(per.map((p) => p.count)),
    longest: median(per.map((p) => p.longest)),
    worst: Math.max(...per.map((p) => p.longest)),
    counts: per.map((p) => p.count),
  };
  R.startup = result;
  print(`### Start-up tasks at 1x CPU (${site.label}, ${LOAD_RUNS} runs, until 1 s after the app is ready)`);
  print();
  const longest = (v) => (v > 0 ? `${ms(v)} ms` : 'none over 50 ms');
  print(`Long tasks (Long Tasks API, over 50 ms) per run: ${result.counts.join(', ')}; median longest ${longest(result.longest)}, worst run's longest ${longest(result.worst)}.`);
  print();
}
