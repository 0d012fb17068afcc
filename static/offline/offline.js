/* Offline in the field (issue 16), on every page of a signed-in user, with queue.js.

   - registers the service worker (sw.js) and says whose data the phone shows now;
   - "Take offline" buttons keep a session's attendance page (or an engagement's "record a
     session" page) on the phone;
   - on a page shown with no connection, a save goes to the phone's queue instead of the
     server, and the page says it is offline and since when its data is;
   - the queue is sent when the connection returns (here, or by Background Sync in sw.js);
   - the queue view (trainings/offline/) lists what waits and lets the user resolve conflicts;
   - logging out forgets what the phone kept.
   With no JavaScript, or a browser without service workers, none of this runs and every page
   works online as before. Words come translated in the page (the #offline-config JSON). */
(function () {
  "use strict";
  var node = document.getElementById("offline-config");
  var store = window.CapacityOffline;
  if (!node || !store || !("serviceWorker" in navigator) || !window.caches || !window.indexedDB) {
    return;
  }
  var C = JSON.parse(node.textContent);
  var W = C.words;
  var user = C.user;
  var copyTime = document.body.getAttribute("data-offline-copy") || "";
  var main = document.querySelector("main");
  var SESSION_PAGE = /\/trainings\/sessions\/(\d+)\/$/;
  var NOTES_PAGE = /\/coaching\/engagements\/(\d+)\/sessions\/new\/$/;
  var banner;
  var sending = false;
  // After a failed automatic send (the server busy, a link that drops again), try again
  // while online, waiting longer each time: 3 s, 6 s, ... up to a minute.
  var retryDelay = 3000;
  var retryTimer = null;

  // Words ---------------------------------------------------------------------------------

  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, key) { return values[key]; });
  }

  function plural(forms, n) {
    // The sample number of n's plural form (see trainings/templatetags/offline_tags.py).
    var sample;
    if (C.lang === "ar") {
      var r = n % 100;
      sample = n === 0 ? 0 : n === 1 ? 1 : n === 2 ? 2 : r >= 3 && r <= 10 ? 3 : r >= 11 ? 11 : 100;
    } else {
      sample = n === 1 ? 1 : 2;
    }
    return fill(forms[String(sample)], { count: n });
  }

  function when(iso) {
    // As the app writes a moment ("j F Y H:i"), with its month names, in the phone's time.
    var d = new Date(iso);
    function two(n) { return String(n).padStart(2, "0"); }
    return d.getDate() + " " + C.months[d.getMonth()] + " " + d.getFullYear() + " " + two(d.getHours()) + ":" + two(d.getMinutes());
  }

  function el(tag, className, text) {
    var element = document.createElement(tag);
    if (className) { element.className = className; }
    if (text !== undefined) { element.textContent = text; }
    return element;
  }

  function isOffline() { return !navigator.onLine || !!copyTime; }

  function alertBox(text, kind) {
    var box = el("div", "alert alert-" + kind + " offline-alert", text);
    box.setAttribute("role", kind === "danger" ? "alert" : "status");
    var old = main.querySelector(".offline-alert");
    if (old) { old.remove(); }
    banner.after(box);
    box.scrollIntoView({ block: "nearest" });
  }

  // The banner: offline since when, and what waits --------------------------------------

  async function queue() { return store.all(user, "queue"); }

  async function refresh() {
    var items = await queue();
    banner.textContent = "";
    var offline = !navigator.onLine;
    if (offline || copyTime) {
      // A copy shown while the link is down says since when its data is; back online, that it is.
      var text = offline ? (copyTime ? fill(W.offlineSince, { time: when(copyTime) }) : W.offline) : W.online;
      banner.append(el("strong", "", text), " ");
    }
    if (items.length) {
      var link = el("a", "alert-link", plural(W.waiting, items.length));
      link.href = C.urls.queue;
      banner.append(link);
      if (!offline && !document.querySelector(".js-offline-send")) {
        var button = el("button", "btn btn-sm btn-primary ms-2 js-send-now", W.sendNow);
        button.type = "button";
        button.addEventListener("click", function () { sendNow(true); });
        banner.append(" ", button);
      }
    }
    banner.className = "alert offline-banner " + (offline ? "alert-warning" : "alert-info") +
      (offline || copyTime || items.length ? "" : " d-none");
    if (document.querySelector(".js-offline-queue")) { await renderQueuePage(items); }
  }

  async function sendNow(loud) {
    if (sending || !navigator.onLine) { return; }
    sending = true;
    var here = sessionKey();
    var before = await queue();
    var result;
    try {
      result = await store.send(user, C.urls, C.maxSaves);
    } catch (error) {
      result = { sent: 0, error: W.notSent };
    }
    sending = false;
    scheduleRetry(result);
    if (result.error && (loud || result.signedOut)) { alertBox(result.error, "danger"); }
    else if (loud && result.sent) { alertBox(W.sent, "success"); }
    await refresh();
    var left = await queue();
    var sentHere = before.some(function (i) { return i.copy === here; }) && !left.some(function (i) { return i.copy === here; });
    if (sentHere && !copyTime) { location.reload(); } // show the marks as the server now holds them
  }

  function scheduleRetry(result) {
    clearTimeout(retryTimer);
    if (!result.error || result.signedOut) { retryDelay = 3000; return; }
    retryTimer = setTimeout(function () { sendNow(false); }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 60000);
  }

  function registerSync() {
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.sync) { return registration.sync.register("capacity-send"); }
    }).catch(function () { /* the pages send it instead */ });
  }

  // Taking pages offline ------------------------------------------------------------------

  function sessionKey() {
    var match = SESSION_PAGE.exec(location.pathname);
    return match ? "marks:" + match[1] : null;
  }

  async function take(button) {
    var data = button.dataset;
    button.disabled = true;
    button.textContent = W.taking;
    try {
      await Promise.race([navigator.serviceWorker.ready, new Promise(function (r) { setTimeout(r, 5000); })]);
      var takenAt = await store.keepPage(user, data.url);
      await store.keepPage(user, C.urls.queue);
      await store.put(user, "copies", {
        key: data.kind + ":" + data.pk, kind: data.kind, pk: data.pk, url: data.url,
        title: data.title, when: data.when || "", takenAt: takenAt,
      });
      button.textContent = "✓ " + W.taken;
    } catch (error) {
      button.textContent = W.take;
      alertBox(W.takeFailed, "danger");
    }
    button.disabled = false;
  }

  async function hookTakeButtons() {
    // An engagement's "record a session" link gets its own button (kept from the page as it is).
    document.querySelectorAll("main a[href]").forEach(function (link) {
      var match = NOTES_PAGE.exec(new URL(link.href).pathname);
      if (!match || link.closest("form")) { return; }
      var button = el("button", "btn btn-sm btn-outline-secondary ms-2 js-offline-take");
      button.dataset.kind = "notes";
      button.dataset.pk = match[1];
      button.dataset.url = new URL(link.href).pathname;
      var heading = document.querySelector("main h1");
      button.dataset.title = heading ? heading.textContent.trim() : document.title;
      button.hidden = true;
      link.after(button);
    });
    var copies = await store.all(user, "copies");
    var kept = {};
    copies.forEach(function (c) { kept[c.key] = true; });
    document.querySelectorAll(".js-offline-take").forEach(function (button) {
      button.type = "button";
      button.textContent = kept[button.dataset.kind + ":" + button.dataset.pk] ? "✓ " + W.taken : W.take;
      button.hidden = copyTime !== "";
      button.addEventListener("click", function () { take(button); });
    });
  }

  // Saving with no connection -------------------------------------------------------------

  async function enqueue(item) {
    var items = await queue();
    for (var i = 0; i < items.length; i += 1) {
      // A newer save of the same page replaces the one waiting (it was never applied).
      if (items[i].copy === item.copy && item.kind === "marks") { await store.remove(user, "queue", items[i].id); }
    }
    await store.put(user, "queue", item);
    registerSync();
    alertBox(W.queued, "success");
    await refresh();
    if (navigator.onLine) { sendNow(false); }
  }

  async function titleOf(key, fallback) {
    var copy = (await store.all(user, "copies")).find(function (c) { return c.key === key; });
    return copy ? copy.title + (copy.when ? " · " + copy.when : "") : fallback;
  }

  function hookAttendance(form, key) {
    form.addEventListener("submit", async function (event) {
      if (!isOffline()) { return; }
      event.preventDefault();
      var rows = form.querySelectorAll(".attendance-row");
      var unmarked = Array.prototype.filter.call(rows, function (row) { return !row.querySelector("input.btn-check:checked"); });
      if (unmarked.length) { alertBox(W.chooseAll, "danger"); return; }
      var marks = {};
      Array.prototype.forEach.call(form.elements, function (input) {
        if (!/^(status|remark|orig)-\d+$/.test(input.name)) { return; }
        if (input.type === "radio" && !input.checked) { return; }
        marks[input.name] = input.value;
      });
      var id = store.newId();
      await enqueue({
        id: id, kind: "marks", copy: key, url: location.pathname, state: "waiting",
        title: await titleOf(key, document.title), savedAt: new Date().toISOString(),
        payload: { id: id, session: key.split(":")[1], marks: marks },
      });
    });
  }

  async function prefillAttendance(form, key) {
    var item = (await queue()).find(function (i) { return i.copy === key; });
    if (!item || !isOffline()) { return; }
    Object.keys(item.payload.marks).forEach(function (name) {
      var value = item.payload.marks[name];
      if (name.indexOf("status-") === 0) {
        var radio = form.querySelector('input[name="' + name + '"][value="' + CSS.escape(value) + '"]');
        if (radio) { radio.checked = true; }
      } else if (name.indexOf("remark-") === 0 && form.elements[name]) {
        form.elements[name].value = value;
      }
    });
    form.dispatchEvent(new Event("change"));
    alertBox(fill(W.queuedAt, { time: when(item.savedAt) }), "info");
  }

  function hookNotes(form, pk) {
    form.addEventListener("submit", async function (event) {
      if (!isOffline()) { return; }
      event.preventDefault();
      var fields = [];
      new FormData(form).forEach(function (value, name) {
        if (name !== "csrfmiddlewaretoken" && name !== "once_token" && typeof value === "string") {
          fields.push([name, value]);
        }
      });
      var day = form.elements.date ? form.elements.date.value : "";
      var id = store.newId();
      var title = await titleOf("notes:" + pk, document.title);
      await enqueue({
        id: id, kind: "notes", copy: "notes:" + pk, url: location.pathname, state: "waiting",
        title: title + " · " + fill(W.coachingSession, { date: day }), savedAt: new Date().toISOString(),
        payload: { id: id, engagement: pk, fields: fields },
      });
      form.reset();
    });
  }

  // The queue view ------------------------------------------------------------------------

  async function renderQueuePage(items) {
    var list = document.querySelector(".js-offline-queue");
    var cards = items.sort(function (a, b) { return a.savedAt < b.savedAt ? -1 : 1; }).map(queueCard);
    list.replaceChildren.apply(list, cards.length ? cards : [el("p", "text-body-secondary", W.emptyQueue)]);
    // Read first, then replace at once: two refreshes at the same time must not add twice.
    var kept = await store.all(user, "copies");
    var rows = kept.length ? kept.map(copyRow) : [el("li", "list-group-item text-body-secondary", W.noCopies)];
    document.querySelector(".js-offline-copies").replaceChildren.apply(
      document.querySelector(".js-offline-copies"), rows);
  }

  function queueCard(item) {
    var card = el("article", "card mb-2 offline-item state-" + item.state);
    var body = el("div", "card-body p-2");
    card.append(body);
    body.append(el("h3", "h6 mb-1", item.title));
    var line = el("p", "small mb-1");
    line.append(el("span", "badge offline-state", W.states[item.state] || item.state), " ",
      fill(W.savedAt, { time: when(item.savedAt) }));
    body.append(line);
    var result = item.result || {};
    if (result.message) { body.append(el("p", "small mb-1", result.message)); }
    if (result.errors && result.errors.length) {
      var errors = el("ul", "small text-danger mb-1");
      result.errors.forEach(function (e) { errors.append(el("li", "", e)); });
      body.append(errors);
    }
    var actions = el("div", "d-flex flex-wrap gap-2 mt-1");
    if (item.state === "conflict") { body.append(conflictForm(item, actions)); }
    if (item.state !== "waiting") {
      var open = el("a", "btn btn-sm btn-outline-secondary", W.open);
      open.href = item.url;
      var discard = el("button", "btn btn-sm btn-outline-danger", W.discard);
      discard.type = "button";
      discard.addEventListener("click", async function () {
        if (window.confirm(W.discardConfirm)) { await store.remove(user, "queue", item.id); refresh(); }
      });
      actions.append(open, discard);
    }
    body.append(actions);
    return card;
  }

  function conflictForm(item, actions) {
    var form = el("form", "offline-conflicts");
    item.result.conflicts.forEach(function (c) {
      var group = el("fieldset", "border rounded p-2 mb-1");
      group.append(el("legend", "h6 small fw-bold mb-1 float-none w-auto", c.name));
      [["mine", W.keepMine + " — " + W.mine + ": " + (C.statuses[c.mine] || c.mine) + (c.mine_remark ? " (" + c.mine_remark + ")" : "")],
       ["theirs", W.keepTheirs + " — " + fill(W.theirs, { who: c.who || "?" }) + ": " + c.theirs_label + (c.theirs_remark ? " (" + c.theirs_remark + ")" : "")]]
        .forEach(function (choice) {
          var id = "c-" + item.id + "-" + c.person + "-" + choice[0];
          var wrap = el("div", "form-check");
          var radio = el("input", "form-check-input");
          radio.type = "radio"; radio.required = true; radio.name = "p-" + c.person; radio.value = choice[0]; radio.id = id;
          var label = el("label", "form-check-label", choice[1]);
          label.htmlFor = id;
          wrap.append(radio, label);
          group.append(wrap);
        });
      form.append(group);
    });
    var again = el("button", "btn btn-sm btn-primary", W.sendAgain);
    again.type = "submit";
    actions.append(again);
    again.addEventListener("click", function (event) {
      event.preventDefault();
      if (!form.reportValidity()) { return; }
      resolve(item, form);
    });
    return form;
  }

  async function resolve(item, form) {
    // Keep mine: send the stored mark as the one shown, so the merge writes mine on purpose.
    // Keep theirs: send theirs as mine, so nothing is written for that person.
    var marks = item.payload.marks;
    item.result.conflicts.forEach(function (c) {
      var choice = form.elements["p-" + c.person].value;
      if (choice === "theirs") {
        marks["status-" + c.person] = c.theirs;
        marks["remark-" + c.person] = c.theirs_remark;
      }
      marks["orig-" + c.person] = c.orig;
    });
    await store.remove(user, "queue", item.id);
    item.id = item.payload.id = store.newId(); // a new save: the refused one was never applied
    item.state = "waiting";
    delete item.result;
    await store.put(user, "queue", item);
    await refresh();
    sendNow(true);
  }

  function copyRow(copy) {
    var row = el("li", "list-group-item d-flex flex-wrap justify-content-between gap-2");
    var text = el("div");
    var link = el("a", "", copy.title + (copy.when ? " · " + copy.when : ""));
    link.href = copy.url;
    text.append(link, el("div", "small text-body-secondary", fill(W.takenAt, { time: when(copy.takenAt) })));
    var remove = el("button", "btn btn-sm btn-outline-danger align-self-center", W.remove);
    remove.type = "button";
    remove.addEventListener("click", async function () {
      await (await caches.open(store.pagesCache(user))).delete(copy.url);
      await store.remove(user, "copies", copy.key);
      refresh();
    });
    row.append(text, remove);
    return row;
  }

  // Logging out ---------------------------------------------------------------------------

  function hookLogout() {
    document.querySelectorAll("form").forEach(function (form) {
      if (new URL(form.action, location.href).pathname !== C.urls.logout) { return; }
      form.addEventListener("submit", async function (event) {
        event.preventDefault();
        var waiting = (await queue()).length;
        if (waiting && !window.confirm(plural(W.logoutLoses, waiting))) { return; }
        try { await store.clearAll(user); } catch (error) { /* the server's Clear-Site-Data clears too */ }
        form.submit();
      });
    });
  }

  // Start ---------------------------------------------------------------------------------

  async function start() {
    banner = el("div", "alert offline-banner d-none");
    banner.setAttribute("role", "status");
    banner.setAttribute("aria-live", "polite");
    main.prepend(banner);
    if (!copyTime) {
      navigator.serviceWorker.register(C.urls.worker, { scope: "/" }).catch(function () {});
      await store.setCurrentUser(user); // a page from the server: this user is the one signed in
    }
    hookLogout();
    await hookTakeButtons();
    var key = sessionKey();
    var attendance = document.querySelector("form.attendance-form");
    if (key && attendance) {
      hookAttendance(attendance, key);
      await prefillAttendance(attendance, key);
    }
    var notes = NOTES_PAGE.exec(location.pathname);
    var notesForm = notes && document.querySelector("main form[method=post]");
    if (notesForm) { hookNotes(notesForm, notes[1]); }
    document.querySelectorAll(".js-offline-send").forEach(function (button) {
      button.addEventListener("click", function () { sendNow(true); });
    });
    window.addEventListener("online", function () { refresh().then(function () { sendNow(false); }); });
    window.addEventListener("offline", refresh);
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "capacity-sent") { refresh(); }
    });
    await refresh();
    if (navigator.onLine && !copyTime) {
      await sendNow(false);
      // A page taken offline and seen online again is kept again as it now is.
      var copies = await store.all(user, "copies");
      var here = copies.find(function (c) { return c.url === location.pathname; });
      var waitingHere = (await queue()).some(function (i) { return here && i.copy === here.key; });
      if (here && !waitingHere) { store.keepCopy(user, here.key).catch(function () {}); }
    }
  }

  start();
})();
