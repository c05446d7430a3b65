// tools/publish and tools/preview as an author uses them: the example
// Markdown report published into a new folder and served as a host would,
// then previewed while it is edited. The app is built once: both tools copy
// dist/ when it holds a build (TRIPNOTES_APP), and build it otherwise.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, open, ready, renderAll, dist, root, DESKTOP } from './harness.mjs';

const example = path.join(root, 'reports/example/report.md');
const markdown = fs.readFileSync(example, 'utf8');
// What the author wrote, read from the Markdown itself.
const title = markdown.match(/^title = "(.*)"$/m)[1];
const conference = markdown.match(/^name = "(.*)"$/m)[1];
const entryTitles = [...markdown.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
const notes = markdown.slice(markdown.indexOf('\n### '));
const [, linkText, linkUrl] = notes.match(/\[([^\]]+)\]\((https:[^)]+)\)/);
const linkEntry = notes.split('\n### ').find((part) => part.includes(linkUrl)).split('\n')[0];

const env = fs.existsSync(path.join(dist, 'index.html')) ? { ...process.env, TRIPNOTES_APP: dist } : process.env;
const tools = path.join(root, 'tools');

let browser;
let temp;
before(async () => {
  browser = await launch();
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'tripnotes-publish-test-'));
});
after(async () => {
  await browser?.close();
  fs.rmSync(temp, { recursive: true, force: true });
});

async function cardTitles(page) {
  return page.$$eval('article.card .card-title', (titles) => titles.map((t) => t.textContent.trim()));
}

describe('tools/publish', () => {
  let site;
  let server;
  before(async () => {
    site = path.join(temp, 'site');
    execFileSync(path.join(tools, 'publish'), [example, site], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    server = await serve({ dir: site });
  });
  after(async () => { await server?.close(); });

  it('shows the Markdown report: its title, every entry and links in notes that open safely', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await open(context, server.url);
    await ready(page);
    await renderAll(page);
    assert.equal(await page.title(), title);
    assert.deepEqual(await cardTitles(page), entryTitles);
    const card = page.locator('article.card').filter({ has: page.locator('.card-title', { hasText: linkEntry }) });
    // Notes open on a click on the title; the link is inside them.
    await card.locator('.title-button').click();
    const link = card.locator(`a[href="${linkUrl}"]`);
    await link.waitFor();
    assert.equal((await link.textContent()).trim(), linkText);
    assert.match(await link.getAttribute('rel'), /\bnoopener\b/);
    // Printed, a link in the notes shows its address after it.
    await page.emulateMedia({ media: 'print' });
    const printed = await link.evaluate((a) => getComputedStyle(a, '::after').content);
    assert.ok(printed.includes(linkUrl), printed);
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it("names the page's manifest after the report", async () => {
    const context = await browser.newContext();
    const page = await open(context, server.url);
    const manifest = await page.evaluate(async () => {
      const response = await fetch(document.querySelector('link[rel=manifest]').href);
      return response.json();
    });
    assert.equal(manifest.name, title);
    assert.equal(manifest.short_name, conference);
    assert.match(manifest.description, /introduction/);
    assert.equal(manifest.icons.length, 3);
    await context.close();
  });

  it('shows every entry and the links in notes without JavaScript', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url);
    assert.equal(await page.title(), title);
    assert.deepEqual(await cardTitles(page), entryTitles);
    for (const heading of await page.locator('article.card .card-title').all()) {
      assert.ok(await heading.isVisible(), `${await heading.textContent()} is hidden`);
    }
    assert.ok(await page.locator(`article.card a[href="${linkUrl}"]`).isVisible());
    await context.close();
  });

  it('publishes a folder of notes, one post a day, as one report with the title given', async () => {
    const folder = path.join(root, 'tests/data/notes/days');
    // The talks as the posts mark them, a bold line or a `###` heading,
    // file by file.
    const talks = fs.readdirSync(folder).filter((f) => f.endsWith('.md')).sort()
      .flatMap((f) => [...fs.readFileSync(path.join(folder, f), 'utf8').matchAll(/^(?:\*\*(.+)\*\*|### (.+))$/gm)].map((m) => m[1] ?? m[2]));
    const out = path.join(temp, 'days-site');
    const run = spawnSync(path.join(tools, 'publish'), ['--title', 'Three days of notes', folder, out], { env, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    // The summary names every talk found.
    for (const talk of talks) assert.ok(run.stderr.includes(talk), `${talk} is not in the summary:\n${run.stderr}`);
    const days = await serve({ dir: out });
    try {
      const context = await browser.newContext({ viewport: DESKTOP });
      const page = await open(context, days.url);
      await ready(page);
      await renderAll(page);
      assert.equal(await page.title(), 'Three days of notes');
      assert.deepEqual(await cardTitles(page), talks);
      await context.close();
    } finally {
      await days.close();
    }
  });

  it('prints an import error as FILE:LINE and writes nothing', () => {
    const lines = markdown.split('\n');
    const kind = lines.findIndex((l) => l === '- Kind: meal');
    lines[kind] = '- Kind: banquet';
    fs.writeFileSync(path.join(temp, 'broken.md'), lines.join('\n'));
    const run = spawnSync(path.join(tools, 'publish'), ['broken.md', 'out'], { cwd: temp, env, encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, new RegExp(`^error: broken\\.md:${kind + 1}: "banquet" is not a kind`, 'm'));
    assert.equal(fs.existsSync(path.join(temp, 'out')), false);
  });

  it('refuses a folder that is not empty and not an earlier publish, and replaces an earlier one', () => {
    const mine = path.join(temp, 'mine');
    fs.mkdirSync(mine);
    fs.writeFileSync(path.join(mine, 'thesis.tex'), 'keep me');
    const refused = spawnSync(path.join(tools, 'publish'), [example, mine], { env, encoding: 'utf8' });
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /not an earlier publish \(it holds thesis\.tex\).*--force/);
    assert.deepEqual(fs.readdirSync(mine), ['thesis.tex']);

    const again = spawnSync(path.join(tools, 'publish'), [example, site], { env, encoding: 'utf8' });
    assert.equal(again.status, 0, again.stderr);
    assert.ok(fs.existsSync(path.join(site, 'sw.js')));
  });
});

describe('tools/publish, a report too large for one page', () => {
  // Over 2,000 entries the page holds the first 300 and every day gets a
  // page of its own (src/markup/static_page.rs).
  const count = 2001;
  let report;
  let site;
  let server;
  before(async () => {
    const input = path.join(temp, 'large.json');
    execFileSync('cargo', ['run', '--quiet', '--bin', 'tripnotes-synth', '--', String(count), input], { cwd: root, stdio: 'inherit' });
    report = JSON.parse(fs.readFileSync(input, 'utf8'));
    site = path.join(temp, 'large-site');
    execFileSync(path.join(tools, 'publish'), [input, site], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    // Publishing again into the same folder replaces it, day pages and all.
    const again = spawnSync(path.join(tools, 'publish'), [input, site], { env, encoding: 'utf8' });
    assert.equal(again.status, 0, again.stderr);
    server = await serve({ dir: site });
  });
  after(async () => { await server?.close(); });

  it('without JavaScript, shows the first 300 entries and every entry on its day\'s page', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url);
    assert.equal(await page.locator('article.card').count(), 300);
    const days = await page.locator('.more-days a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    assert.deepEqual(days, report.days.map((d) => `days/${d.id}.html`));
    let seen = 0;
    for (const day of report.days) {
      await page.goto(`${server.url}days/${day.id}.html`);
      const ids = await page.locator('article.card').evaluateAll((cards) => cards.map((c) => c.id));
      assert.deepEqual(ids, report.entries.filter((e) => e.day === day.id).map((e) => e.id), day.id);
      // Notes are open: this page has no script to open them.
      assert.ok(await page.locator('article.card .notes').first().isVisible());
      seen += ids.length;
    }
    assert.equal(seen, count);
    await context.close();
  });

  it('with JavaScript, the app shows every entry, and a day page leads to that day in the app', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await open(context, `${server.url}days/${report.days[1].id}.html`);
    await page.getByRole('link', { name: 'Open this day with search and filters' }).click();
    await ready(page);
    const shown = report.entries.filter((e) => e.day === report.days[1].id).length;
    await page.getByText(`${shown} of ${count} entries`).waitFor();
    await context.close();
  });
});

describe('tools/preview', () => {
  it('shows a saved edit after a reload within a few seconds, and keeps the last good version on an error', async () => {
    const file = path.join(temp, 'preview.md');
    fs.writeFileSync(file, markdown);
    const preview = spawn(path.join(tools, 'preview'), ['--port', '0', 'preview.md'], {
      cwd: temp, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    preview.stdout.on('data', (d) => { output += d; });
    preview.stderr.on('data', (d) => { errors += d; });
    const exited = new Promise((resolve) => preview.on('exit', resolve));
    const context = await browser.newContext({ viewport: DESKTOP });
    try {
      const url = await new Promise((resolve, reject) => {
        const check = setInterval(() => {
          const found = output.match(/http:\/\/127\.0\.0\.1:\d+\//);
          if (found) { clearInterval(check); resolve(found[0]); }
        }, 100);
        exited.then((code) => { clearInterval(check); reject(new Error(`tools/preview exited (${code}): ${errors}`)); });
      });
      const page = await open(context, url);
      await ready(page);
      assert.deepEqual(await cardTitles(page), entryTitles);

      const last = entryTitles.at(-1);
      const edited = `${last} by the river`;
      fs.writeFileSync(file, markdown.replace(`### ${last}\n`, `### ${edited}\n`));
      const saved = Date.now();
      let titles;
      do {
        await page.waitForTimeout(250);
        await page.reload();
        await ready(page);
        titles = await cardTitles(page);
      } while (!titles.includes(edited) && Date.now() - saved < 5000);
      assert.ok(titles.includes(edited), `no "${edited}" 5 s after saving: ${titles}`);

      fs.writeFileSync(file, markdown.replace('- Kind: meal', '- Kind: banquet'));
      const line = markdown.split('\n').indexOf('- Kind: meal') + 1;
      const before = Date.now();
      while (!errors.includes('still serving') && Date.now() - before < 5000) await page.waitForTimeout(100);
      assert.match(errors, new RegExp(`^error: preview\\.md:${line}: "banquet" is not a kind`, 'm'));
      await page.reload();
      await ready(page);
      assert.ok((await cardTitles(page)).includes(edited), 'the last good version is no longer served');
      assert.deepEqual(page.errors, []);
    } finally {
      await context.close();
      // The preview's process group: its shell, server and sleep.
      if (preview.exitCode === null) process.kill(-preview.pid, 'SIGTERM');
      await exited;
    }
  });
});
