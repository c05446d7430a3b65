// Shared by the viewer's tests in headless Chromium (reading, address,
// filters, search, keyboard, marks), driven as a reader drives it: click,
// type, reload, open a second tab. Expected counts come from report.json.
// A reader's walk through the viewer runs in every engine (every-engine/reader.test.mjs).
//
// Importing this module starts the built app's server and Chromium before
// the importing file's tests, and closes them after.
import { before, after } from 'node:test';
import { serve, launch, open, ready, bundledReport, DESKTOP } from './harness.mjs';

export const report = bundledReport();
export const total = report.entries.length;
export const countWhere = (pred) => report.entries.filter(pred).length;

export let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A desktop page at `url`, once the app has rendered the report. */
export async function desktop(url = server.url) {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await open(context, url);
  await ready(page);
  return { context, page };
}
