// Who owns the wasm bytes: twiggy's listings of a names-kept build of the
// same sources (tools/bench makes it), against the shipped wasm.
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { root } from '../project.mjs';
import { kb } from './figures.mjs';
import { print, errors, R } from './output.mjs';

const run = promisify(execFile);

/** Bytes of a wasm module's custom sections, by name. */
function customSections(buf) {
  const leb = (at) => {
    let value = 0; let shift = 0; let b;
    do { b = buf[at.i++]; value += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    return value;
  };
  const sections = {};
  const at = { i: 8 };
  while (at.i < buf.length) {
    const id = buf[at.i++];
    const size = leb(at);
    const end = at.i + size;
    if (id === 0) {
      const len = leb(at);
      const name = buf.subarray(at.i, at.i + len).toString('utf8');
      sections[name] = (sections[name] ?? 0) + size;
    }
    at.i = end;
  }
  return sections;
}

/** A Rust symbol for a table cell: without its hash, cut to a length. */
const symbol = (name, max = 150) => {
  const short = name.replace(/::h[0-9a-f]{16}$/, '');
  return `\`${(short.length > max ? `${short.slice(0, max - 3)}...` : short).replace(/\|/g, '\\|').replace(/`/g, "'")}\``;
};
const NAMES = '"function names" subsection';
// Structural items that only hold others: the function table, its element
// segment and unnamed code. The dominator listing shows what they hold.
const HOLDER = /^(<meta root>|table\[\d+\]|elem\[\d+\]|code\[\d+\])$/;

/**
 * The largest dominator subtrees, biggest first; a holder is replaced by
 * what it holds (named in "held by"), so the rows never overlap.
 */
function dominatorRows(tree, rows) {
  const frontier = [...tree.items.map((n) => ({ node: n, path: [] }))];
  const out = [];
  while (frontier.length && out.length < rows) {
    frontier.sort((a, b) => b.node.retained_size - a.node.retained_size);
    const { node, path: via } = frontier.shift();
    if (node.name === NAMES) continue;
    if (HOLDER.test(node.name) && node.children?.length) {
      const here = node.name === '<meta root>' ? via : [...via, node.name];
      for (const child of node.children) frontier.push({ node: child, path: here });
      if (node.shallow_size > 0) frontier.push({ node: { name: `${node.name} itself`, retained_size: node.shallow_size }, path: via });
      continue;
    }
    out.push({ name: node.name, bytes: node.retained_size, via });
  }
  return out;
}

export async function sizeProfile() {
  print('### Size profile: who owns the wasm bytes (twiggy, names-kept build)');
  print();
  const skip = process.env.BENCH_SIZE_PROFILE_SKIP;
  const wasm = process.env.BENCH_SIZE_PROFILE;
  if (skip || !wasm) {
    print(`Not run: ${skip || 'no names-kept build (tools/bench makes one; set BENCH_SIZE_PROFILE to a wasm file to profile it)'}.`);
    print();
    return;
  }
  const buf = fs.readFileSync(wasm);
  const names = customSections(buf).name ?? 0;
  const shipped = buf.length - names;
  const dir = path.dirname(wasm);
  // The names-kept build went through the same wasm-bindgen and wasm-opt -Oz
  // as the release; less its name section it should match the shipped wasm.
  print(`Profiled ${path.relative(root, wasm)}: ${kb(buf.length)} KB, of which its name section (kept for this profile, not shipped) ${kb(names)} KB. Without it ${kb(shipped)} KB, against ${kb(R.code?.wasmRaw ?? 0)} KB of the shipped wasm. Shares below are of the ${kb(shipped)} KB, before gzip.`);
  print();
  // The two builds use different target folders; if they disagree, one was
  // made from other sources (say, another build into the shared target
  // folder that cargo then took as up to date), and the figures mix states.
  if (R.code?.wasmRaw && Math.abs(shipped - R.code.wasmRaw) > 0.02 * R.code.wasmRaw) {
    const warning = `**Warning**: the shipped wasm (${kb(R.code.wasmRaw)} KB) and the names-kept build (${kb(shipped)} KB without names) differ by more than 2%, so they were not built from the same sources. Rebuild the release (after \`touch src/main.rs\`, or with CARGO_TARGET_DIR set to a folder of its own) and run again.`;
    print(warning);
    print();
    errors.push('the shipped wasm and the names-kept build differ: see the size profile');
  }
  const twiggy = async (...a) => (await run('twiggy', [...a, wasm], { maxBuffer: 512 * 1024 * 1024 })).stdout;
  // Whole listings, for when 15 rows are not enough.
  fs.writeFileSync(path.join(dir, 'twiggy-top.txt'), await twiggy('top'));
  fs.writeFileSync(path.join(dir, 'twiggy-dominators.txt'), await twiggy('dominators'));
  fs.writeFileSync(path.join(dir, 'twiggy-monos.txt'), await twiggy('monos'));
  const pct = (n) => `${((100 * n) / shipped).toFixed(1)}%`;
  const top = JSON.parse(await twiggy('top', '-n', '16', '-f', 'json')).filter((r) => r.name !== NAMES).slice(0, 15);
  print('#### twiggy top: the 15 largest items by their own size');
  print();
  print('| bytes | share | item |');
  print('|---:|---:|---|');
  for (const r of top) print(`| ${r.shallow_size} | ${pct(r.shallow_size)} | ${symbol(r.name)} |`);
  print();
  const dominators = dominatorRows(JSON.parse(await twiggy('dominators', '-f', 'json')), 15);
  print('#### twiggy dominators: the 15 largest subtrees by retained size (what would go with each item)');
  print();
  print('| retained bytes | share | item | held by |');
  print('|---:|---:|---|---|');
  for (const r of dominators) print(`| ${r.bytes} | ${pct(r.bytes)} | ${symbol(r.name)} | ${r.via.join(' › ') || '–'} |`);
  print();
  print('"held by" `table[0] › elem[0]`: reached through the function table, that is called indirectly (closures, trait objects).');
  print();
  const monos = JSON.parse(await twiggy('monos', '-m', '10', '-n', '0', '-f', 'json'));
  print('#### twiggy monos: generic functions whose copies cost most (top 10)');
  print();
  print('| bloat bytes | all copies bytes | generic |');
  print('|---:|---:|---|');
  for (const r of monos.filter((m) => !/^(\.\.\. and|Σ)/.test(m.generic))) print(`| ${r.approximate_monomorphization_bloat_bytes} | ${r.total_size} | ${symbol(r.generic)} |`);
  print();
  const all = monos.find((m) => m.generic.startsWith('Σ'));
  if (all) print(`Over all ${kb(all.total_size)} KB of functions (twiggy groups copies by name), extra copies of the same generic function cost about ${kb(all.approximate_monomorphization_bloat_bytes)} KB.`), print();
  print(`Whole listings: ${path.relative(root, dir)}/twiggy-top.txt, twiggy-dominators.txt, twiggy-monos.txt.`);
  print();
}
