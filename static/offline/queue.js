/* Offline in the field: the phone's store, shared by the pages (offline.js) and the service
   worker (sw.js). Everything is kept per user: the IndexedDB "capacity-offline-<user>" (what
   was taken offline, and the queue of saves) and the Cache "capacity-pages-<user>" (the pages
   themselves). The Cache "capacity-meta" says who signed in last: the worker serves that
   user's pages only, so one user's data is never shown to another on a shared phone. */
(function (scope) {
  "use strict";
  var META = "capacity-meta";
  var USER_KEY = "/__capacity_offline_user";

  function pagesCache(user) { return "capacity-pages-" + user; }

  function openDb(user) {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open("capacity-offline-" + user, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore("copies", { keyPath: "key" });
        request.result.createObjectStore("queue", { keyPath: "id" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  async function run(user, store, mode, work) {
    var db = await openDb(user);
    try {
      return await new Promise(function (resolve, reject) {
        var transaction = db.transaction(store, mode);
        var request = work(transaction.objectStore(store));
        transaction.oncomplete = function () { resolve(request ? request.result : undefined); };
        transaction.onerror = transaction.onabort = function () { reject(transaction.error); };
      });
    } finally {
      db.close();
    }
  }

  function all(user, store) { return run(user, store, "readonly", function (s) { return s.getAll(); }); }
  function put(user, store, value) { return run(user, store, "readwrite", function (s) { return s.put(value); }); }
  function remove(user, store, key) { return run(user, store, "readwrite", function (s) { return s.delete(key); }); }

  async function currentUser() {
    var hit = await (await caches.open(META)).match(USER_KEY);
    return hit ? hit.text() : "";
  }

  async function setCurrentUser(user) {
    if ((await currentUser()) !== user) {
      await (await caches.open(META)).put(USER_KEY, new Response(user));
    }
  }

  function newId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  /* Keep the page at url as it is now, marked with the moment it was taken (the page says
     "the data of this page is from ..." when it is shown offline). */
  async function keepPage(user, url) {
    var response = await fetch(url, { credentials: "same-origin", redirect: "error" });
    if (!response.ok) { throw new Error("HTTP " + response.status); }
    var now = new Date().toISOString();
    var html = (await response.text()).replace("<body", '<body data-offline-copy="' + now + '"');
    var cache = await caches.open(pagesCache(user));
    await cache.put(url, new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } }));
    return now;
  }

  async function cachedPage(user, url) {
    return (await caches.open(pagesCache(user))).match(url);
  }

  /* Send the waiting saves of user, up to max a request; return {sent, error}. A save the server
     took (or had taken already) leaves the queue, and its page is kept again as it now is; one it
     refused stays, with the server's answer, for the user to resolve in the queue view. */
  async function send(user, urls, max) {
    var waiting = (await all(user, "queue")).filter(function (item) { return item.state === "waiting"; });
    if (!waiting.length) { return { sent: 0 }; }
    var ask = await fetch(urls.marks, { credentials: "same-origin", headers: { Accept: "application/json" } });
    var answer = await ask.json();
    if (!ask.ok) { return { sent: 0, error: answer.message, signedOut: ask.status === 401 }; }
    var sent = 0;
    var kinds = { marks: "saves", notes: "notes" };
    for (var kind in kinds) {
      var items = waiting.filter(function (item) { return item.kind === kind; });
      for (var start = 0; start < items.length; start += max) {
        var batch = items.slice(start, start + max);
        var body = {};
        body[kinds[kind]] = batch.map(function (item) { return item.payload; });
        var response = await fetch(urls[kind], {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": answer.csrf },
          body: JSON.stringify(body),
        });
        var reply = await response.json();
        if (!response.ok) { return { sent: sent, error: reply.message, signedOut: response.status === 401 }; }
        sent += await settle(user, batch, reply.results);
      }
    }
    return { sent: sent };
  }

  async function settle(user, batch, results) {
    var sent = 0;
    for (var i = 0; i < batch.length; i += 1) {
      var item = batch[i];
      var result = results.find(function (r) { return r.id === item.id; }) || { outcome: "invalid" };
      if (result.outcome === "saved" || result.outcome === "duplicate") {
        await remove(user, "queue", item.id);
        sent += 1;
        if (item.kind === "marks") {
          try { await keepCopy(user, item.copy); } catch (error) { /* kept at the next visit */ }
        }
      } else {
        item.state = result.outcome;
        item.result = result;
        await put(user, "queue", item);
      }
    }
    return sent;
  }

  /* Take the page of a copy again (after a send, or a visit online): its marks are then the
     server's, so the next offline save merges against them. */
  async function keepCopy(user, key) {
    var copies = await all(user, "copies");
    var copy = copies.find(function (c) { return c.key === key; });
    if (copy) {
      copy.takenAt = await keepPage(user, copy.url);
      await put(user, "copies", copy);
    }
  }

  /* Forget everything this device kept (logging out). */
  async function clearAll(user) {
    var names = await caches.keys();
    await Promise.all(names.filter(function (n) { return n.indexOf("capacity-") === 0; }).map(function (n) {
      return caches.delete(n);
    }));
    var dbs = indexedDB.databases ? await indexedDB.databases() : [{ name: "capacity-offline-" + user }];
    await Promise.all(dbs.filter(function (d) { return d.name.indexOf("capacity-offline-") === 0; }).map(function (d) {
      return new Promise(function (resolve) {
        var request = indexedDB.deleteDatabase(d.name);
        request.onsuccess = request.onerror = request.onblocked = function () { resolve(); };
      });
    }));
  }

  scope.CapacityOffline = {
    all: all, put: put, remove: remove, newId: newId, send: send, keepPage: keepPage, keepCopy: keepCopy,
    cachedPage: cachedPage, pagesCache: pagesCache, currentUser: currentUser, setCurrentUser: setCurrentUser,
    clearAll: clearAll,
  };
})(self);
