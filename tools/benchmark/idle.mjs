// How busy the machine's cores are, so the bench starts once the build
// before it has let go of them.
import fs from 'node:fs';

/** Busy share of all cores over `ms`, from /proc/stat; null where there is none. */
async function busyShare(ms) {
  const read = () => {
    try {
      const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
      return { idle: fields[3] + (fields[4] || 0), total: fields.reduce((a, b) => a + b, 0) };
    } catch { return null; }
  };
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  return a && b && b.total > a.total ? 1 - (b.idle - a.idle) / (b.total - a.total) : null;
}

/** Waits (up to 90 s) until the build before the bench has let go of the cores. */
export async function settle() {
  const start = Date.now();
  let busy = await busyShare(2000);
  while (busy !== null && busy > 0.1 && Date.now() - start < 90000) busy = await busyShare(2000);
  return { seconds: (Date.now() - start) / 1000, busy };
}
