// What a run prints (kept for target/bench.md), the measurements that
// failed, and the results the budget table reads.
export const out = [];
export const print = (line = '') => { out.push(line); console.log(line); };
export const errors = [];
/** Results by measurement, read by the budget table at the end. */
export const R = { load: {}, interaction: {}, memory: null, startup: null, lighthouse: null, floor: null };
