// The speed budgets, each met or missed by the figures of this run.
import { kb, ms, p95, inpMs } from './figures.mjs';
import { print, R } from './output.mjs';
import { BIG, INTERACTIONS, want, wantSite } from './config.mjs';

/** Page shell, js, wasm and css together, gzip (docs/benchmarks.md). */
export const APP_CODE_BUDGET_KB = 230;

export function budgets(sites) {
  const rows = [];
  const row = (budget, figure, ok) => rows.push([budget, figure, ok === null ? 'not run' : ok === undefined ? 'error' : ok ? 'met' : '**missed**']);
  // A figure that is missing: an error, or a part that BENCH_ONLY left out.
  const none = (part, site = 'bundled') => (!want(part) ? ['not run (BENCH_ONLY)', null]
    : !wantSite(site) ? ['not run (BENCH_SITES)', null] : ['no figure', undefined]);
  const code = `1. App code at most ${APP_CODE_BUDGET_KB} KB gzip`;
  if (R.code) row(code, `${kb(R.code.gz)} KB (wasm ${kb(R.code.wasmGz)} KB)`, R.code.gz <= APP_CODE_BUDGET_KB * 1024);
  else row(code, ...none('bytes'));
  for (const site of sites) {
    for (const [cpu, limit] of [[1, 33], [4, 100]]) {
      const r = R.interaction[site.key]?.[cpu];
      const what = `2. Filter tap and search key press at ${site.label}, interaction to next paint p95 at most ${limit} ms at ${cpu}x`;
      if (!r) { row(what, ...none('interaction')); continue; }
      const f = p95(r.filter.inp);
      const s = p95(r.search.inp);
      row(what, `filter ${inpMs(f)}, search ${inpMs(s)}`, f <= limit && s <= limit);
    }
  }
  const b = R.load.bundled;
  if (b) {
    const ratio = b.app.ready / b.base.interactive;
    const floorNote = R.floor ? `; bare Leptos on the same page (the floor): ${R.floor.shell.toFixed(2)}x with one toggle, ${R.floor.list.toFixed(2)}x with a bare list` : '';
    row('3. Interactive at 4x at most 1.5x the static baseline', `${ratio.toFixed(2)}x (${ms(b.app.ready)} ms against ${ms(b.base.interactive)} ms)${floorNote}`, ratio <= 1.5);
    const first = b.app.entry / b.base.entry;
    row('3. First entry visible at 4x within 1.2x the baseline', `${first.toFixed(2)}x (${ms(b.app.entry)} ms against ${ms(b.base.entry)} ms)`, first <= 1.2);
  } else {
    row('3. Interactive at 4x at most 1.5x the static baseline', ...none('load'));
    row('3. First entry visible at 4x within 1.2x the baseline', ...none('load'));
  }
  const st = R.startup;
  if (st) row('4. No task over 50 ms during start-up at 1x', `${st.count} over 50 ms (median run), longest ${st.longest > 0 ? `${ms(st.longest)} ms` : 'under 50 ms'}`, st.count === 0);
  else row('4. No task over 50 ms during start-up at 1x', ...none('startup'));
  const lh = R.lighthouse;
  if (!lh) row('4. Lighthouse mobile performance at least 95, total blocking time under 200 ms', 'not run (BENCH_LIGHTHOUSE=1 runs it)', null);
  else if (lh.skipped) row('4. Lighthouse mobile performance at least 95, total blocking time under 200 ms', `not run: ${lh.skipped}`, null);
  else row('4. Lighthouse mobile performance at least 95, total blocking time under 200 ms', `score ${lh.score}, TBT ${ms(lh.tbt)} ms (median of ${lh.runs})`, lh.score >= 95 && lh.tbt < 200);
  const big = R.load.synthetic;
  if (big) row(`5. ${BIG} entries interactive at 4x within 3 s`, `${ms(big.app.ready)} ms`, big.app.ready <= 3000);
  else row(`5. ${BIG} entries interactive at 4x within 3 s`, ...none('load', 'synthetic'));
  const programme = R.load.programme;
  if (programme) row('5. The 36C3 programme interactive at 4x within 3 s', `${ms(programme.app.ready)} ms`, programme.app.ready <= 3000);
  else if (sites.some((site) => site.key === 'programme')) row('5. The 36C3 programme interactive at 4x within 3 s', ...none('load'));
  const m = R.memory;
  if (m) {
    const before = m.loaded.js + m.loaded.wasm;
    const after = m.after.js + m.after.wasm;
    const mb = (n) => (n / 1048576).toFixed(1);
    row(`5. Memory at ${BIG} entries at most 60 MB, flat across ${INTERACTIONS} filter changes`, `${mb(before)} MB, then ${mb(after)} MB`, Math.max(before, after) <= 60 * 1048576 && after - before < 1048576);
  } else row(`5. Memory at ${BIG} entries at most 60 MB, flat across ${INTERACTIONS} filter changes`, ...none('interaction', 'synthetic'));
  print('### Budgets');
  print();
  print('| budget | figure | status |');
  print('|---|---|---|');
  for (const [what, figure, status] of rows) print(`| ${what} | ${figure} | ${status} |`);
  print();
}
