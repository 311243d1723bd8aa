// The hall display: ask the server for the board every second and redraw it.
// Without JavaScript the page reloads itself (a meta refresh in <noscript>).
(function () {
  "use strict";
  var frame = document.querySelector("[data-display-url]");
  if (!frame || !window.fetch) {
    return;
  }
  var url = frame.dataset.displayUrl;
  var every = parseInt(frame.dataset.pollMs, 10) || 1000;
  var windowLabel = frame.dataset.windowLabel || "__N__";
  var latest = document.getElementById("latest");
  var lastKey = latest.dataset.key || "";
  latest.addEventListener("animationend", function () {
    latest.classList.remove("flash");
  });

  function setText(element, value) {
    if (element.textContent !== value) {
      element.textContent = value;
    }
  }

  function windowText(number) {
    return number ? windowLabel.replace("__N__", number) : "";
  }

  function cell(className, value) {
    var td = document.createElement("td");
    td.className = className;
    td.textContent = value;
    return td;
  }

  function drawLatest(call) {
    setText(document.getElementById("latest-number"), call ? call.number : "—");
    setText(document.getElementById("latest-window"), call ? windowText(call.window) : "");
    // A recall of the same number changes the key too, and flashes again.
    var key = call ? call.number + "@" + call.at + "#" + call.recalls : "";
    if (key && key !== lastKey) {
      latest.classList.remove("flash");
      void latest.offsetWidth; // restart the animation if it is still running
      latest.classList.add("flash");
    }
    lastKey = key;
    latest.dataset.key = key;
  }

  function drawRecent(calls) {
    var rows = calls.slice(1).map(function (call) {
      var tr = document.createElement("tr");
      tr.appendChild(cell("recent-number", call.number));
      tr.appendChild(cell("recent-window", windowText(call.window)));
      return tr;
    });
    document.getElementById("recent").replaceChildren.apply(
      document.getElementById("recent"), rows
    );
  }

  function drawWaiting(categories) {
    var items = categories.map(function (category) {
      var li = document.createElement("li");
      li.dataset.category = category.code;
      [["waiting-letter", category.code], ["waiting-name", category.name],
       ["waiting-count", String(category.waiting)]].forEach(function (part) {
        var span = document.createElement("span");
        span.className = part[0];
        span.textContent = part[1];
        li.appendChild(span);
      });
      return li;
    });
    var list = document.getElementById("waiting");
    list.replaceChildren.apply(list, items);
  }

  function draw(board) {
    drawLatest(board.called[0]);
    drawRecent(board.called);
    drawWaiting(board.waiting);
    setText(document.getElementById("display-clock"), board.time);
    frame.classList.remove("stale");
  }

  function poll() {
    fetch(url, { cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(draw)
      .catch(function () {
        frame.classList.add("stale"); // keep the last board; try again next second
      })
      .then(function () {
        window.setTimeout(poll, every);
      });
  }

  window.setTimeout(poll, every);
})();
