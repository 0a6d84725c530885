// Help requests live: ask the hub every 2 s; replace the list only when it changed, keep the
// keyboard focus where it was, and say new requests in the polite live region.
(function () {
  "use strict";
  var box = document.getElementById("help-lists");
  var status = document.getElementById("live-status");
  if (!box || !window.fetch) { return; }
  var stamp = box.dataset.stamp;
  var known = null;
  var lost = false;
  var baseTitle = document.title;
  function say(text) { status.textContent = text; }
  function update(data) {
    if (lost) { lost = false; say(box.dataset.back); }
    if (data.html !== undefined) {
      var focused = document.activeElement;
      var focusId = focused && box.contains(focused) ? focused.id : "";
      box.innerHTML = data.html;
      stamp = data.stamp;
      if (focusId) {
        var again = document.getElementById(focusId);
        if (again) { again.focus(); } else { document.getElementById("waiting-title").setAttribute("tabindex", "-1"); document.getElementById("waiting-title").focus(); }
      }
    }
    var ids = data.open.map(function (h) { return h.id; });
    if (known !== null) {
      var fresh = data.open.filter(function (h) { return known.indexOf(h.id) < 0; });
      if (fresh.length) {
        say(fresh.map(function (h) {
          return box.dataset.newOne.replace("{kiosk}", h.kiosk).replace("{place}", h.place || "");
        }).join(" "));
      }
    }
    known = ids;
    document.title = (ids.length ? "(" + ids.length + ") " : "") + baseTitle;
  }
  function tick() {
    fetch(box.dataset.url + "?stamp=" + encodeURIComponent(stamp), {
      credentials: "same-origin", headers: { "Accept": "application/json" }, cache: "no-store"
    }).then(function (response) {
      if (response.status === 401) { window.location.reload(); return null; }
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    }).then(function (data) {
      if (data) { update(data); }
    }).catch(function () {
      if (!lost) { lost = true; say(box.dataset.lost); }
    }).then(function () { window.setTimeout(tick, 2000); });
  }
  tick();
})();
