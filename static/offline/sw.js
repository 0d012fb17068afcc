/* Offline in the field: the service worker (served at /sw.js by trainings.offline, which puts
   self.CAPACITY = {version, shell, queueScript, offlinePage, urls, maxSaves} above this).

   - The shell (styles, fonts, scripts) is kept at install, one cache per version.
   - Pages are asked of the network first; with no connection, the signed-in user's copy of
     the page (taken offline) is served, or else the page listing what the phone holds.
   - Background Sync sends the queue when the connection returns, where the browser has it;
     elsewhere the pages send it (offline.js). */
/* global CapacityOffline */
"use strict";
importScripts(self.CAPACITY.queueScript);

var CONFIG = self.CAPACITY;
var SHELL = "capacity-shell-" + CONFIG.version;
var STATIC = new URL(CONFIG.static, self.location.origin).pathname;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL).then(function (cache) { return cache.addAll(CONFIG.shell); }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("capacity-shell-") === 0 && name !== SHELL;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (url.pathname.indexOf(STATIC) === 0) {
    event.respondWith(staticFile(request, event));
  } else if (request.mode === "navigate") {
    event.respondWith(page(request, url));
  }
});

async function staticFile(request, event) {
  var shell = await caches.open(SHELL);
  var kept = await shell.match(request);
  if (kept && !CONFIG.hashed) {
    // Unhashed names (development) may change: serve the kept copy now, refresh it behind.
    event.waitUntil(fetch(request).then(function (fresh) {
      return fresh.ok ? shell.put(request, fresh) : undefined;
    }).catch(function () {}));
  }
  // Hashed names never change content: the kept copy is the file.
  return kept || fetch(request);
}

async function page(request, url) {
  try {
    return await fetch(request);
  } catch (error) {
    var user = await CapacityOffline.currentUser();
    if (!user) {
      return Response.error();
    }
    url.hash = "";
    return (await CapacityOffline.cachedPage(user, url.href)) ||
      (await CapacityOffline.cachedPage(user, new URL(CONFIG.offlinePage, url).href)) ||
      Response.error();
  }
}

self.addEventListener("sync", function (event) {
  if (event.tag === "capacity-send") {
    event.waitUntil(sendQueue());
  }
});

async function sendQueue() {
  var user = await CapacityOffline.currentUser();
  if (user) {
    // A network failure throws: the browser tries the sync again later.
    await CapacityOffline.send(user, CONFIG.urls, CONFIG.maxSaves);
    var clients = await self.clients.matchAll();
    clients.forEach(function (client) { client.postMessage({ type: "capacity-sent" }); });
  }
}
