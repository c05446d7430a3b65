// Downloads where the driver has no download event: the engine saves into
// a folder of its own, and the file is the one that appears there.
import fs from 'node:fs';
import path from 'node:path';

/** Runs `action` and reads the file it downloads into `dir`, then removes it (a next file keeps its own name). */
export async function fromFolder(dir, action, { timeout = 20000 } = {}) {
  const before = new Set(fs.readdirSync(dir));
  await action();
  const end = Date.now() + timeout;
  for (;;) {
    // Engines write a partial file under another name, then rename it.
    // Firefox also puts an empty file under the final name until the end.
    const fresh = fs.readdirSync(dir).filter((f) => !before.has(f) && !f.startsWith('.'));
    const partial = fresh.filter((f) => /\.(part|download)$/.test(f));
    const done = fresh.filter((f) => !partial.includes(f));
    if (done.length === 1 && partial.length === 0) {
      const file = path.join(dir, done[0]);
      const text = fs.readFileSync(file, 'utf8');
      fs.rmSync(file);
      return { name: done[0], text };
    }
    if (done.length > 1) throw new Error(`one download expected, found ${done.join(', ')}`);
    if (Date.now() > end) throw new Error(`nothing downloaded into ${dir} in ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
