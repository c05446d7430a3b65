// Chromium traces of start-up and of one filter tap at 4x, written to
// target/ and summarised by kind of main-thread work.
import fs from 'node:fs';
import path from 'node:path';
import { root } from '../project.mjs';
import { target } from './config.mjs';
import { ms, inpMs } from './figures.mjs';
import { print } from './output.mjs';
import { section } from './section.mjs';
import { withPage, whenReady, frames, quiet } from './page.mjs';
import { summarizeTrace, TRACE_CATEGORIES } from './trace-summary.mjs';

async function traced(name, cpu, fn) {
  return withPage({ cpu }, async ({ page, browser: b }) => {
    let tracing = false;
    try {
      const result = await fn(page, async () => {
        await b.startTracing(page, { categories: TRACE_CATEGORIES.split(',') });
        tracing = true;
      });
      const buffer = await b.stopTracing();
      tracing = false;
      // Readings from the page wait until the trace is closed.
      if (result.after) Object.assign(result, await result.after());
      const file = path.join(target, `trace-${name}.json`);
      fs.writeFileSync(file, buffer);
      return { ...result, file, summary: summarizeTrace(JSON.parse(buffer.toString('utf8'))) };
    } finally {
      if (tracing) await b.stopTracing().catch(() => {});
    }
  });
}

function printTrace(title, t, extra = '') {
  const s = t.summary;
  print(`#### ${title}`);
  print();
  print(`${path.relative(root, t.file)}: main thread busy ${ms(s.busy)} ms of ${ms(s.span)} ms traced; longest task ${ms(s.longest)} ms, ${s.over50} over 50 ms.${extra}`);
  print();
  print('| main-thread work (self time) | ms | share of busy |');
  print('|---|---:|---:|');
  for (const k of s.kinds.filter((k) => k.ms >= 0.05)) print(`| ${k.kind} | ${k.ms.toFixed(1)} | ${((100 * k.ms) / s.busy).toFixed(0)}% |`);
  print();
  print(`Largest by event name: ${s.names.slice(0, 8).map((n) => `${n.name} ${n.ms.toFixed(1)} ms`).join(', ')}.`);
  if (s.other.length) print(`"Other" is mostly: ${s.other.slice(0, 4).map((n) => `${n.name} ${n.ms.toFixed(1)} ms`).join(', ')}.`);
  print();
}

export async function traces(site) {
  print('### Where the time goes at 4x CPU (Chromium trace, renderer main thread)');
  print();
  print('A rough split of self time (an event\'s time less that of the events inside it) by trace event: script is V8 and wasm work (FunctionCall, EvaluateScript, v8.*, event and timer dispatch, and the rest of script-running tasks); style is UpdateLayoutTree and style sheet parsing; layout is Layout and intersection updates; paint is PrePaint, Paint, Layerize and commits to the compositor; a task\'s remaining time goes by where it was posted from (loader, parser, script runner), else to "other". Open the files in the Performance panel of Chromium\'s DevTools for the detail.');
  print();
  const startup = await section('trace of start-up at 4x', 300, () => traced('startup-4x', 4, async (page, start) => {
    await start();
    const told = whenReady(page, 180);
    await page.goto(site.server.url, { waitUntil: 'commit', timeout: 60000 });
    const ready = await told;
    await page.waitForTimeout(1000);
    return { ready };
  }));
  if (startup) printTrace(`Start-up at 4x (${site.label}), until 1 s after the app is ready`, startup, ` Ready at ${ms(startup.ready)} ms.`);
  const tap = await section('trace of a filter tap at 4x', 300, () => traced('filter-4x', 4, async (page, start) => {
    const told = whenReady(page, 180);
    await page.goto(site.server.url, { waitUntil: 'commit', timeout: 60000 });
    await told;
    await quiet(page);
    const day = page.locator('.days .segment').nth(1);
    await day.scrollIntoViewIfNeeded();
    const box = await day.boundingBox();
    if (!box) throw new Error('the second day option (.days .segment) is not shown');
    await frames(page);
    const t0 = await page.evaluate(() => performance.now());
    // A bare click at known coordinates: no script of the bench runs in the
    // page while the trace records.
    await start();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForTimeout(500);
    return { after: async () => ({ inp: await page.evaluate((a) => Math.max(0, ...window.__bench.events.filter((e) => e.start >= a).map((e) => e.duration)), t0) }) };
  }));
  if (tap) printTrace(`One filter tap at 4x (${site.label}: a day option), with 500 ms after it`, tap, ` Its interaction to next paint: ${inpMs(tap.inp)}.`);
}
