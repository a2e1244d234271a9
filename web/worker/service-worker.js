// Headway's service worker: the visit form opens with no connection once it has been opened online.
// The build (vite.config.ts, offlineWorker) fills in SHELL, the files Vite built, and VERSION, a hash
// of their names, so a new build is a new cache and the old ones are removed on activate.
//
// Cache policy (docs/architecture.md, "The offline worker"):
// - the app shell (index.html, the built scripts and styles, the manifest and icons): cached on
//   install, served cache-first; a page address offline gets the cached index.html;
// - API answers: only the two the form needs, network-first with the last answer kept for offline
//   use: the session (who is signed in) and /api/v1/visits/form (schools, people, rubrics). Every
//   other API answer, pupil-level or not, passes straight through and is never stored.
const VERSION = '__VERSION__';
const SHELL = __SHELL__;
const SHELL_CACHE = `headway-shell-${VERSION}`;
const DATA_CACHE = 'headway-data';
const KEPT_API = ['/api/v1/auth/session', '/api/v1/visits/form'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith('headway-shell-') && key !== SHELL_CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    // Signed out: the kept session must not outlive it.
    if (response.status === 401) await cache.delete(request);
    return response;
  } catch (error) {
    const kept = await cache.match(request);
    if (kept) return kept;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (KEPT_API.includes(url.pathname) && !url.search) {
    event.respondWith(networkFirst(request, DATA_CACHE));
    return;
  }
  if (url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(() => caches.match('/index.html', { cacheName: SHELL_CACHE })),
    );
    return;
  }
  if (SHELL.includes(url.pathname))
    event.respondWith(caches.match(url.pathname, { cacheName: SHELL_CACHE }).then((hit) => hit ?? fetch(request)));
});
