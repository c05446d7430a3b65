// The static server of a built site, shared by the browser tests, the bench
// and tools/preview: files with the content types a static host sends, at
// any path prefix, with files swapped or broken on demand, and compressed
// as a host compresses them when asked to.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { dist } from '../project.mjs';

/** Content types by file extension, as a static host sends them. */
const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

// What common static hosts compress: text and wasm, not images that
// already are compressed.
const COMPRESSED = new Set(['.html', '.js', '.wasm', '.css', '.json', '.webmanifest', '.svg', '.txt']);

/**
 * Serves `dir` on loopback (`port`, or a free one) under `prefix`, or under each of
 * several prefixes (two deployments on one origin). `overrides` maps a file
 * name (relative to the prefix) to { status, body, type } to replace it, or to
 * { drop: true } to cut the connection without an answer. Only a server
 * started with `keepAlive` (a tool's) keeps the process running.
 *
 * With `gzip`, it answers as a host that compresses: gzip with
 * Content-Encoding when the request accepts it, and no-cache. Each file is
 * read and compressed once and kept, so compression time counts in no
 * timing but the first. `served` counts the answers by encoding, so a run
 * can show what was served.
 */
export async function serve({ dir = dist, prefix = '/', overrides = {}, port = 0, keepAlive = false, gzip = false } = {}) {
  const prefixes = [prefix].flat();
  const served = { gzip: 0, identity: 0 };
  const kept = new Map();
  /** A file's bytes (or its override's), and gzipped where a host would. */
  const bodies = (name, override, file) => {
    if (!kept.has(name)) {
      const raw = Buffer.from(override ? override.body ?? '' : fs.readFileSync(file));
      kept.set(name, { raw, gz: COMPRESSED.has(path.extname(name)) ? zlib.gzipSync(raw, { level: 9 }) : null });
    }
    return kept.get(name);
  };
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end('bad path');
      return;
    }
    const base = prefixes.find((p) => pathname.startsWith(p));
    if (base === undefined) {
      res.writeHead(404).end('not here');
      return;
    }
    let name = pathname.slice(base.length);
    if (name === '' || name.endsWith('/')) name += 'index.html';
    const override = overrides[name];
    if (override?.drop) {
      req.socket.destroy();
      return;
    }
    const file = path.join(dir, name);
    if (!override && (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory())) {
      res.writeHead(404).end('not found');
      return;
    }
    const status = override?.status ?? 200;
    const type = override?.type ?? CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream';
    if (!gzip) {
      served.identity += 1;
      res.writeHead(status, { 'content-type': type });
      if (override) res.end(override.body ?? '');
      else fs.createReadStream(file).pipe(res);
      return;
    }
    const { raw, gz } = bodies(name, override, file);
    const zipped = gz !== null && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const data = zipped ? gz : raw;
    served[zipped ? 'gzip' : 'identity'] += 1;
    const headers = { 'content-type': type, 'content-length': data.length, 'cache-control': 'no-cache', vary: 'accept-encoding' };
    if (zipped) headers['content-encoding'] = 'gzip';
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : data);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  // A test that fails before closing its server must not keep the test
  // process (and so the whole run) from ending; a tool's server must.
  if (!keepAlive) server.unref();
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    url: `${origin}${prefixes[0]}`,
    urls: prefixes.map((p) => `${origin}${p}`),
    served,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
