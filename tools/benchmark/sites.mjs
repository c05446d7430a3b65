// The reports the bench measures, each a site served gzip with its
// first entry marked for Element Timing and a page without script beside
// it (baseline.html).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve } from '../site/serve.mjs';
import { copySite, prerender } from '../site/copy.mjs';

/**
 * Marks the first card's title for Element Timing: its link, a block that
 * holds the title's text (text is reported for the block holding it).
 */
export const markFirstEntry = (html) => html.replace(/<a (href="[^"]*" )?class="title-button"/, (link) => link.replace('<a ', '<a elementtiming="bench-first-entry" '));

/** The page's first screen as plain HTML: the page without its script. */
function baselineOf(index) {
  return index
    .replace(/<script type="module">[\s\S]*?<\/script>/, '')
    .replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
}

/** A report's site, served gzip, its first entry marked, its baseline beside it. */
export async function makeSite(key, label, dir, note = null) {
  const index = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const server = await serve({
    dir,
    gzip: true,
    keepAlive: true,
    overrides: { 'index.html': { body: markFirstEntry(index) }, 'baseline.html': { body: markFirstEntry(baselineOf(index)) } },
  });
  const raw = Buffer.byteLength(index);
  return { key, label, dir, note, server, htmlBytes: key === 'bundled' ? null : { raw, gz: zlib.gzipSync(index).length } };
}

/** How many entries a report file holds; throws when it is not a report. */
export function entriesIn(file) {
  try {
    const entries = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')).entries;
    if (!Array.isArray(entries)) throw new Error('it has no "entries" list');
    return entries.length;
  } catch (e) {
    throw new Error(`${file} is not a report: ${e.message}`);
  }
}

/**
 * A copy of the built site publishing another report, as the README says to
 * publish one: report.json swapped, then tripnotes-prerender run on the
 * folder for the static page. Should that step fail, the site keeps the
 * bundled report's static page, and `note` says so.
 */
export function siteFor({ dist, reportFile, label }) {
  const { dir } = copySite((file) => fs.copyFileSync(reportFile, file), { from: dist, prefix: 'tripnotes-bench-site-' });
  let note = null;
  try {
    prerender(dir);
  } catch (e) {
    const why = String(e.stderr ?? e.message).trim().split('\n').slice(-3).join(' ');
    note = `tripnotes-prerender failed for ${label} (${why}); its page keeps the bundled report's static HTML`;
    console.error(`bench: ${note}`);
  }
  return { dir, note };
}
