// What the bench measures, how often, and which parts and reports a run
// asks for (arguments and BENCH_* variables; tools/bench --help lists them).
import path from 'node:path';
import { root } from '../project.mjs';

export const LOAD_RUNS = 5;
export const OTHER_LOAD_RUNS = 3;
export const INTERACTIONS = 50;
export const BIG = 5000;
export const target = path.join(root, 'target');

const args = process.argv.slice(2);
export const reportArg = args.includes('--report') ? args[args.indexOf('--report') + 1] : process.env.BENCH_REPORT || null;
// BENCH_ONLY=load,interaction (say) runs only those parts, for iterating on
// one budget: bytes, size, load, startup, interaction, trace, lighthouse,
// floor.
export const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((s) => s.trim()) : null;
// BENCH_SITES=bundled,programme (say) measures only those reports, for
// iterating: bundled, synthetic, programme, extra. BENCH_BUNDLED_ONLY=1 is
// BENCH_SITES=bundled. The bundled report is always served: start-up and
// Lighthouse measure it.
const siteKeys = process.env.BENCH_SITES ? process.env.BENCH_SITES.split(',').map((s) => s.trim())
  : process.env.BENCH_BUNDLED_ONLY === '1' ? ['bundled'] : null;
export const wantSite = (key) => !siteKeys || siteKeys.includes(key);
// BENCH_TRACE=programme (say) traces that report's tap instead of the bundled one's.
export const traceSite = process.env.BENCH_TRACE || 'bundled';
export const PARTS = ['bytes', 'size', 'load', 'startup', 'interaction', 'trace', 'lighthouse', 'floor'];
export const want = (part) => !only || only.includes(part);
