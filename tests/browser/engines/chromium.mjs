// Chromium (Debian's) through Playwright, as the Chromium-only tests drive it.
import fs from 'node:fs';
import { launch as launchChromium } from '../harness.mjs';
import { sharedPage } from './shared-page.mjs';

export async function launch() {
  const browser = await launchChromium();
  return {
    async newContext({ viewport }) {
      const context = await browser.newContext({ viewport, acceptDownloads: true });
      return { newPage: async () => wrap(await context.newPage()), close: () => context.close() };
    },
    close: () => browser.close(),
  };
}

function wrap(page) {
  return sharedPage(page, {
    setViewportSize: (size) => page.setViewportSize(size),
    upload: (selector, file) => page.setInputFiles(selector, file),
    async download(action) {
      const [download] = await Promise.all([page.waitForEvent('download'), action()]);
      return { name: download.suggestedFilename(), text: fs.readFileSync(await download.path(), 'utf8') };
    },
  });
}
