// The served page's own script. It runs before textual.js reads the terminal's font size
// (on load): the size that fits the grid (window.kioskGrid, set by the page) in this window;
// a resize loads the page again at the new size (a follower loses nothing); a closed
// connection waits for the server and then loads the page again.
(function () {
  const grid = window.kioskGrid;
  function fontSize() {
    const byWidth = window.innerWidth / (grid.cols * grid.cell[0]);
    const byHeight = window.innerHeight / (grid.rows * grid.cell[1]);
    return Math.max(8, Math.floor(Math.min(byWidth, byHeight)));
  }
  const terminal = document.getElementById("terminal");
  if (terminal) terminal.dataset.fontSize = String(fontSize());
  window.kioskFontSize = fontSize;
  let resized = null;
  window.addEventListener("resize", function () {
    clearTimeout(resized);
    resized = setTimeout(function () {
      if (String(fontSize()) !== terminal.dataset.fontSize) window.location.reload();
    }, 700);
  });
  function comeBack() {
    fetch(window.location.href, {cache: "no-store"})
      .then(function (r) { if (r.ok) window.location.reload(); else setTimeout(comeBack, 2000); })
      .catch(function () { setTimeout(comeBack, 2000); });
  }
  // The kiosk's bell (BEL outside an OSC sequence, which BEL may end) as a short tone. A TV's
  // browser may need leave to play sound unasked (Chromium: --autoplay-policy=...).
  const Native = window.WebSocket;
  let audio = null, inOsc = false, escaped = false;
  function rang(bytes) {
    let bell = false;
    for (const b of bytes) {
      if (escaped) { inOsc = inOsc || b === 0x5d; if (b === 0x5c) inOsc = false; escaped = false; }
      else if (b === 0x1b) escaped = true;
      else if (b === 0x07) { if (inOsc) inOsc = false; else bell = true; }
    }
    return bell;
  }
  function ring() {
    window.kioskBells = (window.kioskBells || 0) + 1;
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      if (audio.state === "suspended") audio.resume();
      const t = audio.currentTime, tone = audio.createOscillator(), gain = audio.createGain();
      tone.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.4, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 1.2);
      tone.connect(gain).connect(audio.destination);
      tone.start(t);
      tone.stop(t + 1.2);
    } catch (e) { /* no sound here: the screen goes on */ }
  }
  window.WebSocket = function (url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    socket.addEventListener("message", function (event) {
      if (typeof event.data !== "string" && rang(new Uint8Array(event.data))) ring();
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  new MutationObserver(function () {
    if (document.body.classList.contains("-closed") && !window.kioskWaiting) {
      window.kioskWaiting = true;
      setTimeout(comeBack, 2000);
    }
  }).observe(document.body, {attributes: true, attributeFilter: ["class"]});
})();
