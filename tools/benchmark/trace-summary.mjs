// Where a Chromium trace's main-thread time goes, by kind of work.

// Event names on the renderer's main thread, by kind of work. Nested
// events are counted by self time (their own duration less their
// children's), so nothing is counted twice.
const KINDS = [
  ['garbage collection', /^(MinorGC|MajorGC|GCEvent|BlinkGC|V8\.GC|V8\.Scavenge|V8\.MarkCompact|CppGC|ThreadState::)/],
  ['HTML parsing', /^(ParseHTML|HTMLDocumentParser::)/],
  ['script (JS and wasm)', /^(FunctionCall|EvaluateScript|EventDispatch|TimerFire|FireAnimationFrame|FireIdleCallback|RunMicrotasks|CompileScript|CompileCode|CompileModule|EvaluateModule|CacheScript|XHRReadyStateChange|XHRLoad|v8\.|V8\.|wasm\.|WebAssembly)/],
  ['style', /^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|ScheduleStyleRecalculation|StyleInvalidatorInvalidationTracking|StyleRecalcInvalidationTracking)$/],
  ['layout', /^(Layout|UpdateLayerTree|ComputeIntersections|IntersectionObserverController::computeIntersections|LayoutShift|InvalidateLayout|ScheduleLayout)$/],
  ['paint and compositing', /^(Paint|PrePaint|Layerize|PaintImage|CompositeLayers|UpdateLayer|Commit|Decode Image|Decode LazyPixelRef|Rasterize|Draw LazyPixelRef|ImageDecodeTask|PaintSetup)$/],
];
const OTHER = 'other (task overhead, frame scheduling, unclassified)';
/**
 * A task's own time (not inside any finer event) by where the task came
 * from: the posting source file of a scheduled task, or the interface of
 * an IPC message. DevTools messages are the bench's own commands.
 */
function taskKind(e) {
  const file = e.args?.src_file ?? '';
  const mojo = e.args?.chrome_mojo_event_info?.mojo_interface_tag ?? '';
  if (/DevTools/.test(mojo)) return 'DevTools protocol (the bench\'s own commands)';
  if (/Navigation|URLLoader|loader/i.test(mojo) || /\/loader\/|\/fetch\//.test(file)) return 'loading (network, navigation)';
  if (/html_parser|html_document_parser/.test(file)) return 'HTML parsing';
  if (/core\/script\/|bindings\//.test(file)) return 'script (JS and wasm)';
  return OTHER;
}
const kindOf = (e) => (/^(ThreadControllerImpl::RunTask|RunTask|Receive mojo message)$/.test(e.name)
  ? taskKind(e) : KINDS.find(([, re]) => re.test(e.name))?.[0] ?? OTHER);
export const TRACE_CATEGORIES = [
  'toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame', 'v8.execute', 'v8', 'blink.user_timing', 'loading',
].join(',');

/**
 * Where a trace's main-thread time goes: the renderer main thread that was
 * busiest, its busy time, self time by kind and by event name, and its
 * longest task.
 */
export function summarizeTrace(trace) {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const mains = new Set(events
    .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`));
  // Complete events per thread; begin/end pairs are joined into one.
  const byThread = new Map();
  const open = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key)) continue;
    let done = null;
    if (e.ph === 'X' && typeof e.dur === 'number') done = { name: e.name, ts: e.ts, dur: e.dur, args: e.args };
    else if (e.ph === 'B') (open.get(key) ?? open.set(key, []).get(key)).push(e);
    else if (e.ph === 'E') {
      const b = open.get(key)?.pop();
      if (b) done = { name: b.name, ts: b.ts, dur: e.ts - b.ts, args: b.args };
    }
    if (done) (byThread.get(key) ?? byThread.set(key, []).get(key)).push(done);
  }
  let best = null;
  for (const [key, list] of byThread) {
    const tasks = list.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
    const busy = tasks.reduce((a, e) => a + e.dur, 0);
    if (!best || busy > best.busy) best = { key, list, busy };
  }
  if (!best) throw new Error('the trace has no renderer main thread');
  const list = best.list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const stack = [];
  const self = new Map();
  const selfByName = new Map();
  let busy = 0;
  let longest = 0;
  const tasks = [];
  for (const e of list) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) {
      // A child is credited to its parent only for the part inside it.
      parent.children += Math.min(e.dur, parent.ts + parent.dur - e.ts);
    } else {
      busy += e.dur;
      longest = Math.max(longest, e.dur);
      tasks.push(e.dur);
    }
    e.children = 0;
    stack.push(e);
  }
  for (const e of list) {
    const own = Math.max(0, e.dur - e.children);
    const kind = kindOf(e);
    self.set(kind, (self.get(kind) ?? 0) + own);
    selfByName.set(e.name, (selfByName.get(e.name) ?? 0) + own);
  }
  const spanStart = Math.min(...list.map((e) => e.ts));
  const spanEnd = Math.max(...list.map((e) => e.ts + e.dur));
  // Rows of "other", to see what it is made of.
  const otherByName = new Map();
  for (const e of list) {
    if (kindOf(e) !== OTHER) continue;
    const key = e.args?.src_func ? `${e.name} (${e.args.src_func})` : e.name;
    otherByName.set(key, (otherByName.get(key) ?? 0) + Math.max(0, e.dur - e.children));
  }
  return {
    other: [...otherByName].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms),
    busy: busy / 1000,
    span: (spanEnd - spanStart) / 1000,
    longest: longest / 1000,
    over50: tasks.filter((d) => d > 50000).length,
    kinds: [...self].map(([kind, us]) => ({ kind, ms: us / 1000 })).sort((a, b) => b.ms - a.ms),
    names: [...selfByName].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms),
  };
}

