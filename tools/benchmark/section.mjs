// One measurement at a time, each with a time limit: a failure is printed
// and the others still run.
import { print, errors } from './output.mjs';

/** Rejects with `what` named when `promise` takes longer than `seconds`. */
export function withTimeout(promise, seconds, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** Browser contexts in use, closed when a measurement times out. */
export const contexts = new Set();

/** Runs one measurement; a failure is printed and the others still run. */
export async function section(what, seconds, fn) {
  try {
    return await withTimeout(fn(), seconds, what);
  } catch (e) {
    // What still runs of a timed-out measurement stops here, so it cannot
    // overlap the next one.
    for (const context of contexts) await context.close().catch(() => {});
    const message = String(e?.message ?? e).split('\n')[0];
    errors.push(`${what}: ${message}`);
    print(`**Error** in ${what}: ${message}`);
    print();
    return null;
  }
}
