// Figures as the tables print them, and the percentiles the budgets read.

export const kb = (n) => (n / 1024).toFixed(1);
export const ms = (n) => n.toFixed(0);
const sorted = (xs) => [...xs].sort((a, b) => a - b);
export const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
/** Nearest-rank 95th percentile, as the budgets read "p95". */
export const p95 = (xs) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];

/** An interaction's duration; Event Timing reports none under 16 ms. */
export const inpMs = (v) => (v === 0 ? '< 16 ms' : `${ms(v)} ms`);
