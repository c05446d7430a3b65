// Serves tools/preview's folder on loopback, as the browser tests serve a
// build. Usage: node tools/preview-server.mjs DIR PORT LABEL (PORT 0: any free one)
import path from 'node:path';
import { serve } from './site/serve.mjs';

const [dir, port, label] = process.argv.slice(2);
try {
  const server = await serve({ dir: path.resolve(dir), port: Number(port), keepAlive: true });
  console.log(`preview: ${label} at ${server.url} (reload after each save; Ctrl-C stops)`);
} catch (e) {
  console.error(`preview: FAILED: cannot serve on 127.0.0.1:${port}: ${e.message}`);
  process.exit(1);
}
