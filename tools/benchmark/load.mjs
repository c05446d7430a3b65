// Cold load at 4x: the app against the same page without script (its
// baseline), to the first entry shown and to the first filter that responds.
import { LOAD_RUNS, OTHER_LOAD_RUNS } from './config.mjs';
import { kb, ms, median } from './figures.mjs';
import { print, R } from './output.mjs';
import { withPage, whenReady, moment, quiet } from './page.mjs';

export async function appLoad(url, cpu) {
  return withPage({ cpu }, async ({ page }) => {
    const told = whenReady(page, 180);
    await page.goto(url, { waitUntil: 'commit', timeout: 60000 });
    const ready = await told;
    const fcp = await moment(page, 'fcp', 30);
    // Null when the app replaced the static page before its title painted.
    const entry = await moment(page, 'entry', 3).catch(() => null);
    await quiet(page, 1);
    const longtasks = await page.evaluate(() => window.__bench.longtasks);
    return { ready, fcp, entry, longtasks };
  });
}

export async function baselineLoad(url) {
  return withPage({ cpu: 4 }, async ({ page }) => {
    await page.goto(url, { waitUntil: 'load', timeout: 180000 });
    const fcp = await moment(page, 'fcp', 30);
    const entry = await moment(page, 'entry', 10).catch(() => null);
    const dcl = await page.evaluate(() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd);
    return { fcp, entry, dcl };
  });
}

export async function coldLoad(site) {
  const runs = site.key === 'bundled' ? LOAD_RUNS : OTHER_LOAD_RUNS;
  const app = [];
  const base = [];
  for (let i = 0; i < runs; i++) {
    app.push(await appLoad(site.server.url, 4));
    base.push(await baselineLoad(`${site.server.url}baseline.html`));
  }
  // Without Element Timing (no card title to mark), first paint stands in.
  const entryOf = (r) => r.entry ?? r.fcp;
  const result = {
    runs,
    app: { entry: median(app.map(entryOf)), fcp: median(app.map((r) => r.fcp)), ready: median(app.map((r) => r.ready)) },
    // A page without script can be used once it shows and is parsed.
    base: { entry: median(base.map(entryOf)), fcp: median(base.map((r) => r.fcp)), interactive: median(base.map((r) => Math.max(entryOf(r), r.dcl))) },
    marked: app.every((r) => r.entry !== null),
  };
  R.load[site.key] = result;
  return result;
}

export function printLoad(sites) {
  print(`### Cold load at 4x CPU slowdown, served gzip (median of ${LOAD_RUNS} runs for the bundled report, ${OTHER_LOAD_RUNS} for others)`);
  print();
  print('| report | page | first entry visible | first contentful paint | interactive |');
  print('|---|---|---:|---:|---:|');
  for (const site of sites) {
    const r = R.load[site.key];
    if (!r) continue;
    print(`| ${site.label} | Tripnotes | ${ms(r.app.entry)} ms | ${ms(r.app.fcp)} ms | ${ms(r.app.ready)} ms (first filter responds) |`);
    print(`| ${site.label} | baseline: the same page without script | ${ms(r.base.entry)} ms | ${ms(r.base.fcp)} ms | ${ms(r.base.interactive)} ms (shown and parsed) |`);
  }
  print();
  print('"First entry visible" is the render time of the first card\'s title (Element Timing; the bench marks that title\'s link in the served page). The baseline is the page as published with its script and preloads removed; it counts as interactive once its first entry shows and its HTML is parsed (DOMContentLoaded), whichever is later.');
  for (const site of sites) {
    const r = R.load[site.key];
    if (r) print(`${site.label}: interactive ${(r.app.ready / r.base.interactive).toFixed(2)}x the baseline, first entry ${(r.app.entry / r.base.entry).toFixed(2)}x.${r.marked ? '' : ' (No card title to mark: first contentful paint stands in for the first entry.)'}`);
    if (site.note) print(`Note: ${site.note}.`);
    if (site.htmlBytes) print(`${site.label}: index.html is ${kb(site.htmlBytes.raw)} KB, ${kb(site.htmlBytes.gz)} KB gzip.`);
  }
  print();
}
