#!/usr/bin/env node
// Writes the adversarial report corpus into the folder given as argument:
// one file per case, every case derived from the bundled public/report.json,
// and cases.json, the manifest of what the viewer must do with each.
//
//   node tests/adversarial/generate.mjs OUT_DIR
//
// Expectations follow docs/report-format.md and `validate` in src/model.rs:
// a report that breaks a rule is refused with the entry (when there is one)
// and the field named; a file that is not a readable report is refused as
// such; everything else renders, its text as text.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const bundledPath = path.resolve(here, '../../public/report.json');

export const PWN_IMG = '<img src=x onerror="window.__pwned=1">';
export const PWN_SCRIPT = '<script>window.__pwned=1</script>';
// Right-to-left override, isolates, marks and the Arabic letter mark.
const BIDI = ['\u202E', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u200F', '\u200E', '\u061C'];
const TRAPS = 'İstanbul ﬁle straße ΟΔΥΣΣΕΥΣ ὀδυσσεύς';

const MB = 1024 * 1024;

/** A fresh deep copy of the bundled report for each case. */
function bundled() {
  return JSON.parse(fs.readFileSync(bundledPath, 'utf8'));
}

function entry(report, id) {
  const found = report.entries.find((e) => e.id === id);
  if (!found) throw new Error(`the bundled report has no entry ${id}`);
  return found;
}

/** The first entry that has `field`, so a case does not depend on one id. */
function entryWith(report, field) {
  const found = report.entries.find((e) => e[field] !== undefined && e[field] !== null);
  if (!found) throw new Error(`no entry of the bundled report has ${field}`);
  return found;
}

const json = (report) => JSON.stringify(report, null, 2);

/**
 * Each case: name, what it is, the bytes, the expected outcome, and what the
 * test checks beyond it (`entry` and `field` a refusal must name, `parse`
 * when the file is not a readable report, `titles` the cards must show as
 * text, `notes` an entry whose opened notes must show `text` as text,
 * `search` queries that must find exactly `entry`, `count` the entries).
 */
function cases() {
  const list = [];
  const add = (c) => list.push(c);
  const original = fs.readFileSync(bundledPath, 'utf8');

  // Not a readable report at all.
  add({
    name: 'malformed-json',
    about: 'a colon missing after a key',
    body: original.replace('"title": ', '"title" '),
    expect: 'refused',
    parse: true,
  });
  add({
    name: 'truncated-json',
    about: 'the first half of the file, as a broken download leaves it',
    body: original.slice(0, Math.floor(original.length / 2)),
    expect: 'refused',
    parse: true,
  });
  add({
    name: 'html-instead-of-json',
    about: 'a captive portal or error page served as report.json',
    body: '<!doctype html>\n<html><head><title>Sign in to the Wi-Fi</title></head>\n'
      + '<body><h1>Sign in</h1><pre>' + original.slice(0, 400).replace(/</g, '&lt;') + '</pre></body></html>\n',
    expect: 'refused',
    parse: true,
  });
  add({ name: 'empty-file', about: 'zero bytes', body: '', expect: 'refused', parse: true });

  // Refused by the version check, before any other rule.
  {
    const r = bundled();
    r.schema_version += 1;
    add({ name: 'schema-version-newer', about: 'a newer format', body: json(r), expect: 'refused', field: 'schema_version' });
  }
  {
    const r = bundled();
    delete r.schema_version;
    add({ name: 'schema-version-missing', about: 'no schema_version', body: json(r), expect: 'refused', field: 'schema_version' });
  }

  // Refused by `validate`, naming the entry and the field.
  {
    const r = bundled();
    entry(r, 'opening-remarks').day = '2024-03-25';
    add({ name: 'dangling-day', about: 'an entry on a day the report does not define', body: json(r), expect: 'refused', entry: 'opening-remarks', field: 'day' });
  }
  {
    const r = bundled();
    entry(r, 'opening-remarks').track = 'keynote';
    add({ name: 'dangling-track', about: 'an entry on an undefined track', body: json(r), expect: 'refused', entry: 'opening-remarks', field: 'track' });
  }
  {
    const r = bundled();
    const e = entryWith(r, 'topics');
    e.topics = [...e.topics, 'no-such-topic'];
    add({ name: 'dangling-topic', about: 'an entry naming an undefined topic', body: json(r), expect: 'refused', entry: e.id, field: 'topics' });
  }
  {
    const r = bundled();
    const first = r.entries[4];
    r.entries[5].id = first.id;
    add({ name: 'duplicate-entry-id', about: 'two entries with one id', body: json(r), expect: 'refused', entry: first.id, field: 'id' });
  }
  {
    const r = bundled();
    entry(r, 'opening-remarks').url = 'javascript:window.__pwned=1';
    add({ name: 'link-javascript', about: 'a javascript: link', body: json(r), expect: 'refused', entry: 'opening-remarks', field: 'url' });
  }
  {
    const r = bundled();
    entry(r, 'opening-remarks').body[0].text = [{ text: 'click me', link: 'javascript:window.__pwned=1' }];
    add({ name: 'link-javascript-in-notes', about: 'a javascript: link inside the notes', body: json(r), expect: 'refused', entry: 'opening-remarks', field: 'body[0].text[0].link' });
  }
  {
    const r = bundled();
    const e = entryWith(r, 'slides');
    e.slides = { available: true, url: `data:text/html,${PWN_SCRIPT}` };
    add({ name: 'link-data', about: 'a data: link for slides', body: json(r), expect: 'refused', entry: e.id, field: 'slides.url' });
  }
  {
    const r = bundled();
    const e = entryWith(r, 'video');
    e.video = { available: true, url: '../video.html' };
    add({ name: 'link-relative', about: 'a relative link for a video', body: json(r), expect: 'refused', entry: e.id, field: 'video.url' });
  }
  {
    // Browsers strip leading ASCII spaces from an href, not U+00A0: the
    // link would resolve against the page, not reach example.com.
    const r = bundled();
    entry(r, 'opening-remarks').url = '\u00A0https://example.com/';
    add({ name: 'link-leading-nbsp', about: 'an https link behind a no-break space', body: json(r), expect: 'refused', entry: 'opening-remarks', field: 'url' });
  }
  {
    const r = bundled();
    entry(r, 'opening-remarks').url = '//evil.example/';
    add({ name: 'link-protocol-relative', about: 'a link without a scheme', body: json(r), expect: 'refused', entry: 'opening-remarks', field: 'url' });
  }
  {
    const r = bundled();
    r.source_url = 'JavaScript:window.__pwned=1';
    add({ name: 'link-javascript-source', about: 'the report\'s own source as javascript:', body: json(r), expect: 'refused', field: 'source_url' });
  }

  // Rendered, with hostile or odd text shown as text.
  {
    const r = bundled();
    const [a, b, c] = r.entries;
    a.title = `${PWN_IMG} ${a.title}`;
    b.title = `${PWN_SCRIPT} ${b.title}`;
    a.body = [
      { type: 'paragraph', text: `Before ${PWN_SCRIPT} after ${PWN_IMG}` },
      { type: 'bullet', text: PWN_IMG },
      { type: 'editor-note', text: PWN_SCRIPT },
    ];
    c.speakers = [{ name: PWN_IMG, affiliation: PWN_SCRIPT }];
    c.official_title = PWN_SCRIPT;
    r.title = `${PWN_SCRIPT} ${r.title}`;
    r.author = PWN_IMG;
    r.introduction = [{ type: 'paragraph', text: PWN_IMG }];
    r.footnotes = [{ mark: '1', text: PWN_SCRIPT }];
    r.topics[0].label = PWN_IMG;
    r.days[0].label = PWN_SCRIPT;
    add({
      name: 'markup-in-text',
      about: 'an img with onerror and a script element in titles, notes, speakers, labels',
      body: json(r),
      expect: 'renders',
      titles: { [a.id]: a.title, [b.id]: b.title },
      notes: { entry: a.id, text: `Before ${PWN_SCRIPT} after ${PWN_IMG}` },
    });
  }
  {
    const r = bundled();
    const [a, b] = r.entries;
    a.title = `${BIDI[0]}evil.exe${BIDI[5]} ${a.title}`;
    b.title = `${BIDI.join('')}${b.title}${BIDI[0]}`;
    a.body = [{ type: 'paragraph', text: `Notes ${BIDI.join(' ')} with \u202Ereversed\u202C text` }, ...a.body];
    add({
      name: 'bidi-controls',
      about: 'bidi overrides, isolates and marks in titles and notes',
      body: json(r),
      expect: 'renders',
      titles: { [a.id]: a.title, [b.id]: b.title },
      notes: { entry: a.id, text: a.body[0].text },
      search: { entry: a.id, queries: ['evil', '\u202Eevil\u202C'] },
    });
  }
  {
    const r = bundled();
    const [a, b] = r.entries;
    a.title = `${TRAPS} ${a.title}`;
    b.title = 'ΣΊΣΥΦΟΣ ǅ İ ß ﬃ';
    a.body = [{ type: 'paragraph', text: `${TRAPS} Σ ς a\u0308\u0308 e\u0301` }, ...a.body];
    add({
      name: 'casing-traps',
      about: 'dotted capital I, sharp s, ligatures and final sigma in titles and notes',
      body: json(r),
      expect: 'renders',
      titles: { [a.id]: a.title, [b.id]: b.title },
      notes: { entry: a.id, text: a.body[0].text },
      // Each folds to a word of entry a's title, and of no other entry.
      search: { entry: a.id, queries: ['İstanbul', 'ISTANBUL', 'ﬁle', 'straße', 'ΟΔΥΣΣΕΥΣ'] },
    });
  }
  {
    const r = bundled();
    const e = r.entries[0];
    const words = 'the pager went off at three and the runbook said to restart the database ';
    e.body = [{ type: 'paragraph', text: words.repeat(Math.ceil((5 * MB) / words.length)).slice(0, 5 * MB) }];
    add({ name: 'huge-note', about: 'a 5 MB note', body: json(r), expect: 'renders', big: true });
  }
  {
    // Copies of the bundled entries with unique ids and one short block, so
    // the file stays in the tens of MB.
    const r = bundled();
    const base = r.entries;
    const entries = [];
    for (let i = 0; entries.length < 50000; i++) {
      const e = structuredClone(base[i % base.length]);
      e.id = `${e.id}-${i}`;
      const first = e.body?.[0];
      e.body = first ? [{ ...first, text: first.text.slice(0, 80) }] : [];
      entries.push(e);
    }
    r.entries = entries;
    add({ name: 'fifty-thousand-entries', about: '50,000 entries', body: JSON.stringify(r), expect: 'renders', big: true, count: 50000 });
  }
  {
    const r = bundled();
    r.entries = [];
    add({ name: 'empty-report', about: 'no entries at all', body: json(r), expect: 'renders', count: 0 });
  }

  // `null` for optional fields reads as absent (docs/report-format.md).
  const nulls = {
    body: (r) => { entryWith(r, 'body').body = null; },
    topics: (r) => { entryWith(r, 'topics').topics = null; },
    speakers: (r) => { entryWith(r, 'speakers').speakers = null; },
    introduction: (r) => { r.introduction = null; },
    footnotes: (r) => { r.footnotes = null; },
    'topic-description': (r) => {
      const t = r.topics.find((x) => x.description !== undefined) ?? r.topics[0];
      t.description = null;
    },
    'optional-values': (r) => {
      r.source_url = null;
      r.last_updated = null;
      r.conference.place = null;
      r.conference.time_zone = null;
      r.conference.url = null;
      const e = entry(r, 'opening-remarks');
      for (const f of ['official_title', 'start', 'end', 'url', 'slides', 'video']) e[f] = null;
      const s = entryWith(r, 'speakers');
      s.speakers = s.speakers.map((sp) => ({ ...sp, affiliation: null }));
    },
  };
  for (const [name, apply] of Object.entries(nulls)) {
    const r = bundled();
    apply(r);
    add({ name: `null-${name}`, about: `null for ${name.replace('-', ' ')}`, body: json(r), expect: 'renders' });
  }
  return list;
}

/** Writes every case and the manifest into `dir`; gives the manifest. */
export function generate(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const manifest = cases().map(({ body, ...c }) => {
    const file = `${c.name}.json`;
    fs.writeFileSync(path.join(dir, file), body);
    return { ...c, file, bytes: Buffer.byteLength(body) };
  });
  fs.writeFileSync(path.join(dir, 'cases.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node tests/adversarial/generate.mjs OUT_DIR');
    process.exit(2);
  }
  const manifest = generate(path.resolve(dir));
  for (const c of manifest) {
    console.log(`${c.expect.padEnd(8)} ${c.name} (${(c.bytes / MB).toFixed(2)} MB)`);
  }
}
