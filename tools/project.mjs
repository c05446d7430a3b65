// Where the project's parts are, for the tools and the browser tests alike,
// and how to run its command-line tools.
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// TRIPNOTES_DIST names another built folder than dist/ (a second build side by side).
export const dist = process.env.TRIPNOTES_DIST ? path.resolve(process.env.TRIPNOTES_DIST) : path.join(root, 'dist');

/** The real conference programmes the programme tests and the bench read. */
export const programmes = process.env.TRIPNOTES_PROGRAMMES || path.join(root, '../shared/data/programmes');
export const schedule36c3 = path.join(programmes, '36c3-everything.schedule.json');

/** Runs one of this crate's command-line tools; throws on failure. */
export function cargoRun(bin, args) {
  execFileSync('cargo', ['run', '--quiet', '--bin', bin, '--', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
}
