// The phone app's service worker: keeps the app's page and assets and the officer's case list for offline use.
// Pages and the case list: network first, the kept copy when offline. Assets: the kept copy first.
// Writes (POST) are never cached or replayed here: the page queues them in IndexedDB and sends them itself.
"use strict";
var CACHE = "ipenforce-field-v2";  // bumped when the app's scripts change, so installed phones take the new ones
var ASSETS = __ASSETS__;
var PAGES = ["/m/", "/m/manifest.webmanifest"];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(ASSETS.concat(PAGES));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function networkFirst(request) {
  return fetch(request).then(function (response) {
    if (response.ok && !response.redirected) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(request, { ignoreSearch: true }).then(function (hit) {
      return hit || new Response(JSON.stringify({ code: "offline", message: "离线", field: null }),
        { status: 503, headers: { "Content-Type": "application/json" } });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(caches.match(request).then(function (hit) { return hit || fetch(request); }));
  } else if (url.pathname.indexOf("/m/") === 0 || url.pathname === "/api/v1/field/cases") {
    event.respondWith(networkFirst(request));
  }
});
