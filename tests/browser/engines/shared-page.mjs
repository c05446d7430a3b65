// The verbs a Playwright page (Chromium) and a Puppeteer page (Firefox)
// share, names and all; each engine adds the ones where they differ.
// `activate` brings the tab to the front before a reader's input reaches it.
export function sharedPage(page, own, activate = async () => {}) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Content-Security-Policy violations and failed loads land here.
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return {
    errors,
    keyboard: {
      press: async (key) => { await activate(); await page.keyboard.press(key); },
      type: async (text, { delay = 0 } = {}) => { await activate(); await page.keyboard.type(text, { delay }); },
    },
    goto: (url) => page.goto(url),
    reload: async () => { await activate(); await page.reload(); },
    url: () => page.url(),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    screenshot: (file) => page.screenshot({ path: file }),
    async click(find, arg) {
      await activate();
      const handle = await page.evaluateHandle(find, arg);
      await handle.click();
      await handle.dispose();
    },
    ...own,
  };
}
