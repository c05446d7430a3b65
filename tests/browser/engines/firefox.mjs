// Firefox ESR (Debian's) through Puppeteer over WebDriver BiDi: no
// geckodriver needed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { fromFolder } from './downloads.mjs';
import { sharedPage } from './shared-page.mjs';

const FIREFOX = '/usr/bin/firefox-esr';

export async function launch() {
  if (!fs.existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing: run tools/setup --test (it installs Debian's firefox-esr)`);
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'tripnotes-firefox-downloads-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: {
      // Downloads go straight to a folder of the test's, without asking.
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.download.alwaysOpenPanel': false,
    },
  });
  return {
    async newContext({ viewport }) {
      const context = await browser.createBrowserContext();
      // A tab in the background is slow to follow input: the tab a test
      // acts on comes to the front first.
      let front = null;
      const activate = (page) => async () => {
        if (front === page) return;
        await page.bringToFront();
        front = page;
      };
      return {
        async newPage() {
          const page = await context.newPage();
          front = page;
          await page.setViewport(viewport);
          return wrap(page, downloads, activate(page));
        },
        close: () => context.close(),
      };
    },
    async close() {
      await browser.close();
      fs.rmSync(downloads, { recursive: true, force: true });
    },
  };
}

function wrap(page, downloads, activate) {
  return sharedPage(page, {
    setViewportSize: (size) => page.setViewport(size),
    async upload(selector, file) {
      const input = await page.$(selector);
      await input.uploadFile(file);
      await input.dispose();
    },
    download: (action) => fromFolder(downloads, action),
  }, activate);
}
