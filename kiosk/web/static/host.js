// The phone remote's own script: the buttons send the host's actions (POST /api/act, the
// token from the page's address as the Bearer header); the card above them shows what the
// hall's screen shows, from the server's events (/api/host/events), within a second.
(function () {
  const words = JSON.parse(document.getElementById("words").textContent);
  const query = new URLSearchParams(window.location.search);
  const token = query.get("token") || "";
  const room = query.get("room") || null;
  const said = document.getElementById("said");
  let quiet = null;

  function say(text, bad) {
    said.textContent = text;
    said.className = bad ? "bad" : "";
    clearTimeout(quiet);
    quiet = setTimeout(function () { said.textContent = ""; }, 4000);
  }

  function act(action, text, button) {
    const body = {action: action};
    if (text !== undefined) body.text = text;
    if (room) body.room = room;
    if (navigator.vibrate) navigator.vibrate(15);
    button.classList.add("busy");
    return fetch("/api/act", {
      method: "POST",
      cache: "no-store",
      headers: {"Authorization": "Bearer " + token, "Content-Type": "application/json"},
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (answer) {
        if (response.ok) {
          say(words.done.replace("{what}", button.dataset.name || button.textContent));
        } else if (response.status === 429) {
          say(words.too_fast, true);
        } else if (response.status === 401) {
          say(words.denied, true);
        } else {
          say(words.failed.replace("{why}", answer.error || String(response.status)), true);
        }
        return response.ok;
      });
    }).catch(function () {
      say(words.offline, true);
      return false;
    }).finally(function () { button.classList.remove("busy"); });
  }

  document.querySelectorAll("#keys button, #act-clock").forEach(function (button) {
    button.addEventListener("click", function () { act(button.dataset.action, undefined, button); });
  });
  document.querySelectorAll("form.say").forEach(function (form) {
    const field = form.querySelector("input");
    const send = form.querySelector("button[type=submit]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      act(form.dataset.action, field.value, send).then(function (ok) {
        if (ok) field.value = "";
      });
    });
    form.querySelector("button.clear").addEventListener("click", function (event) {
      act(form.dataset.action, "", event.currentTarget);
    });
  });

  // -- what the hall shows --------------------------------------------------------------
  function put(id, text) {
    const element = document.getElementById(id);
    element.textContent = text || "";
    element.hidden = !text;
  }
  function part(id, fields) {
    const element = document.getElementById(id);
    element.hidden = !fields;
    element.querySelectorAll("div").forEach(function (line) {
      line.textContent = fields ? fields[line.className] || "" : "";
    });
  }
  function show(board) {
    window.kioskBoard = board;
    document.getElementById("clock").textContent = board.clock;
    document.getElementById("mark").textContent = board.mark;
    put("banner", board.banner);
    put("stage-now", board.stage_message && words.stage_now.replace("{text}", board.stage_message));
    put("drift", board.drift);
    document.getElementById("blanked").hidden = !board.blank;
    document.body.classList.toggle("blank", board.blank);
    document.getElementById("act-blank").textContent = board.blank ? words.unblank : words.blank;
    part("headline", board.headline && {title: board.headline.text, when: board.headline.countdown});
    part("now", board.now && {label: board.now.label, title: board.now.title, by: board.now.by,
      when: [board.now.left, board.now.times].filter(Boolean).join(" · ")});
    part("next", board.next);
    document.getElementById("act-undo").disabled = !board.undo && !board.blank;
    document.getElementById("next-does").textContent = board.next_does;
  }
  let address = "/api/host/events?token=" + encodeURIComponent(token);
  if (room) address += "&room=" + encodeURIComponent(room);
  const events = new EventSource(address);  // it connects again by itself
  events.addEventListener("board", function (event) {
    document.getElementById("offline").hidden = true;
    show(JSON.parse(event.data));
  });
  events.addEventListener("error", function () {
    document.getElementById("offline").hidden = false;
  });
})();
