// Another report published in a copy of the built site, as the README says
// to publish one: its report.json swapped, then its static page rendered.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cargoRun, dist } from '../project.mjs';

/**
 * A copy of the built site in a new temporary folder: `write(file)` puts
 * the report at the copy's report.json; `prerender` then renders its
 * static page.
 */
export function copySite(write, { from = dist, prefix = 'tripnotes-site-' } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(from, dir, { recursive: true });
  const file = path.join(dir, 'report.json');
  write(file);
  return { dir, file };
}

/** Runs the build's static-page step on a site folder; throws on failure. */
export function prerender(dir) {
  cargoRun('tripnotes-prerender', [dir]);
}
