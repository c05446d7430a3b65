// Every kind of text on the page meets WCAG AA contrast (4.5:1) in the
// light and the dark theme, measured on the rendered page.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, ready, DESKTOP } from './harness.mjs';

// Views and the text styles to check in each.
const VIEWS = [
  ['?topic=security', [
    'h1', '.report-meta', '.progress-words', '.count', '.day-heading .day-name', '.day-counts',
    '.card-label', '.title-button', '.speakers', '.excerpt', '.topics .chip', '.media.yes',
    '.group legend', '.segment span', '.segment .count', '.segment.empty span', '.chip-option span',
    '.switch span', '.day-progress .count', '.read-tools .button', '.chip.removable', '.active-filters .clear',
    '.about p', '.card.read .title-button',
  ]],
  ['?q=sre', ['mark', '.excerpt', '.card-label', '.media.no']],
];

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

for (const colorScheme of ['light', 'dark']) {
  describe(`${colorScheme} theme`, () => {
    for (const [query, selectors] of VIEWS) it(`passes AA for every text style of ${query}`, async () => {
      const context = await browser.newContext({ viewport: DESKTOP, colorScheme });
      const page = await context.newPage();
      await page.goto(`${server.url}${query}`);
      await ready(page);
      await page.locator('article.card .read-toggle:visible').first().click();
      const results = await page.evaluate((selectors) => {
        const parse = (c) => c.match(/[\d.]+/g).map(Number);
        const luminance = ([r, g, b]) => {
          const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
          return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        const background = (el) => {
          for (let e = el; e; e = e.parentElement) {
            const c = parse(getComputedStyle(e).backgroundColor);
            if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
          }
          return parse(getComputedStyle(document.documentElement).backgroundColor).slice(0, 3);
        };
        return selectors.map((s) => {
          const el = document.querySelector(s);
          if (!el) return { s, missing: true };
          const fg = parse(getComputedStyle(el).color);
          const [a, b] = [luminance(fg.slice(0, 3)), luminance(background(el))];
          return { s, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
        });
      }, selectors);
      for (const r of results) {
        assert.ok(!r.missing, `${r.s} is not on the page`);
        assert.ok(r.ratio >= 4.5, `${r.s}: contrast ${r.ratio.toFixed(2)} in the ${colorScheme} theme`);
      }
      await context.close();
    });
  });
}
