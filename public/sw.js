// Tripnotes service worker: the app and its report work offline after one
// visit. The build fills in VERSION and FILES (see tripnotes-prerender).
//
// - The app page and report.json: network first, so a new deploy reaches
//   readers. A good network answer is used (and kept); when the network
//   fails, stalls or answers badly (404, 503, or a web page where a file
//   belongs, as a Wi-Fi login page or a host's fallback page answers), the
//   kept copy is used if there is one, else the network's answer or error.
// - Every other file of the build (hashed names, icons, manifest): cache
//   first; one missing from the cache is fetched and kept again.
// - Other pages under the scope (report.json opened in a tab, anything else
//   the host serves there) go to the network untouched.
// - A page of another build (a deploy whose own worker has not taken over
//   yet) is used but never kept: this worker's files could not run it.
// - Caches are named after this deployment (its scope), so builds in other
//   folders of the same origin keep theirs; this deployment's older caches
//   are removed once this one is active.
// - A cache write that fails (storage full or blocked) changes nothing for
//   the reader: the network's answer still reaches the page.

const VERSION = "__VERSION__";
const FILES = ["__FILES__"];
const SCOPE = self.registration.scope;
// A space cannot occur in a serialized URL, so no other scope's names start
// with this one's prefix.
const PREFIX = `tripnotes ${SCOPE} `;
const CACHE = `${PREFIX}${VERSION}`;
const PAGE = "./";
const REPORT = "report.json";
// Conference Wi-Fi often hangs rather than fails: wait this long, then use
// the kept copy.
const NETWORK_TIMEOUT_MS = 4000;

function isHtml(response) {
  const type = (response.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  return type === "text/html";
}

/** The answer to keep as the app page: its HTML, not an error or a redirect. */
function isPage(response) {
  return response.ok && !response.redirected && isHtml(response);
}

/**
 * The answer to keep as a file other than a page: not an error, and not a
 * web page in its place (a Wi-Fi login page, a host answering every path
 * with its index page), which would replace a good kept copy.
 */
function isFile(response) {
  return response.ok && !isHtml(response);
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const page = await fetch(new Request(PAGE, { cache: "reload" }));
      if (!isPage(page)) {
        throw new Error(`the app page answered ${page.status} ${page.headers.get("content-type")}`);
      }
      await cache.put(PAGE, page);
      // File names are not URLs: a name with "#" or "?" must still fetch that file.
      const files = FILES.map((f) => encodeURIComponent(f));
      const requests = [REPORT, ...files].map((f) => new Request(f, { cache: "reload" }));
      const responses = await Promise.all(requests.map((r) => fetch(r)));
      // All or nothing, as the page: a kept set is a whole build.
      responses.forEach((response, i) => {
        if (!isFile(response)) {
          throw new Error(`${requests[i].url} answered ${response.status} ${response.headers.get("content-type")}`);
        }
      });
      await Promise.all(requests.map((r, i) => cache.put(r, responses[i])));
      await self.skipWaiting();
    })()
  );
});

/** Whether `name` is an older cache of this deployment. */
async function isOurOld(name) {
  if (name.startsWith(PREFIX)) {
    return name !== CACHE;
  }
  // Workers before per-deployment names used "tripnotes-VERSION"; one of
  // those is this deployment's if it holds this scope's page.
  if (/^tripnotes-[0-9a-f]+$/.test(name)) {
    return (await caches.match(PAGE, { cacheName: name })) !== undefined;
  }
  return false;
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (await isOurOld(name)) {
          await caches.delete(name);
        }
      }
      await self.clients.claim();
    })()
  );
});

/** The path below the scope, decoded as file names are; null outside it. */
function relative(url) {
  const scope = new URL(SCOPE).pathname;
  if (!url.pathname.startsWith(scope)) {
    return null;
  }
  try {
    return decodeURIComponent(url.pathname.slice(scope.length));
  } catch {
    return null;
  }
}

async function kept(key) {
  try {
    return await caches.match(key, { cacheName: CACHE });
  } catch {
    return undefined;
  }
}

async function keep(key, response) {
  try {
    const cache = await caches.open(CACHE);
    await cache.put(key, response);
  } catch {
    // Storage full or blocked: the reader has the network's answer anyway.
  }
}

function stall(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The build's script and wasm, which a page of this build loads by name. */
const APP_FILES = FILES.filter((f) => f.endsWith(".js") || f.endsWith(".wasm"));

/** Whether the page text is this build's: it names this build's script and wasm. */
function isThisBuild(text) {
  return APP_FILES.every((f) => text.includes(f));
}

/**
 * The network's good answer (also kept under `key`, even when it arrives
 * after a stall, and if `keepable` says so of its body), else the kept
 * copy, else the network's answer or error.
 */
async function networkFirst(event, key, good, keepable = () => true) {
  const network = fetch(event.request);
  // Registered before anything reads the body, so the clones are taken first.
  event.waitUntil(
    network
      .then(async (response) => {
        if (!good(response)) {
          return;
        }
        const [body, copy] = [response.clone(), response.clone()];
        if (keepable(await body.text())) {
          await keep(key, copy);
        }
      })
      .catch(() => {})
  );
  let response;
  try {
    response = await Promise.race([network, stall(NETWORK_TIMEOUT_MS)]);
  } catch (error) {
    const copy = await kept(key);
    if (copy) {
      return copy;
    }
    throw error;
  }
  if (response && good(response)) {
    return response;
  }
  const copy = await kept(key);
  if (copy) {
    return copy;
  }
  // Stalled with nothing kept: keep waiting for the network.
  return response ?? network;
}

async function cacheFirst(event) {
  const copy = await kept(event.request);
  if (copy) {
    return copy;
  }
  const response = await fetch(event.request);
  if (isFile(response)) {
    event.waitUntil(keep(event.request, response.clone()));
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  const path = relative(url);
  if (path === null) {
    return;
  }
  if (path === "" || path === "index.html") {
    // Every view (?day=..., #entry) is the same page.
    event.respondWith(networkFirst(event, PAGE, isPage, isThisBuild));
    return;
  }
  if (request.mode === "navigate") {
    // Any other page (report.json opened in a tab) is not the app: the
    // network answers it, and it is never kept as the page.
    return;
  }
  if (path === REPORT) {
    event.respondWith(networkFirst(event, REPORT, isFile));
  } else if (FILES.includes(path)) {
    event.respondWith(cacheFirst(event));
  }
});
