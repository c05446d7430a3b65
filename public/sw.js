// Tripnotes service worker: the app and its report work offline after one
// visit. The build fills in VERSION and FILES (see tripnotes-prerender).
//
// - The page and report.json: network first, so a new deploy reaches
//   readers; the cached copy when the network fails or stalls.
// - Every other file of the build (hashed names, icons, manifest): cache
//   first; a new build is a new VERSION and so a new cache.
// - Caches of older versions are removed once this one is active.

const VERSION = "__VERSION__";
const FILES = ["__FILES__"];
const CACHE = `tripnotes-${VERSION}`;
const PAGE = "./";
const REPORT = "report.json";
// Conference Wi-Fi often hangs rather than fails: wait this long, then use
// the cached copy.
const NETWORK_TIMEOUT_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        cache.addAll([PAGE, REPORT, ...FILES].map((f) => new Request(f, { cache: "reload" })))
      )
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith("tripnotes-") && k !== CACHE).map((k) => caches.delete(k))
        )
      )
      .then(() => self.clients.claim())
  );
});

function relative(url) {
  const scope = new URL(self.registration.scope);
  return url.pathname.startsWith(scope.pathname) ? url.pathname.slice(scope.pathname.length) : null;
}

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), NETWORK_TIMEOUT_MS)),
    ]);
    if (response.ok) {
      await cache.put(key, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await cache.match(key);
    if (cached) {
      return cached;
    }
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: CACHE });
  return cached ?? fetch(request);
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
  if (request.mode === "navigate" || path === "" || path === "index.html") {
    // Every view (?day=..., #entry) is the same page.
    event.respondWith(networkFirst(request, PAGE));
  } else if (path === REPORT) {
    event.respondWith(networkFirst(request, REPORT));
  } else if (FILES.includes(path)) {
    event.respondWith(cacheFirst(request));
  }
});
