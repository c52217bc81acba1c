// Taking a round: every answer is posted as soon as it is given; answers that could not be sent (no connection)
// wait in localStorage and are sent again when the connection returns, also after a reload. The server's clock
// decides the deadline; the countdown here only shows what the server said.
(function () {
  "use strict";
  var root = document.getElementById("attempt");
  if (!root) return;
  // Starting a round answers with this page at the start's address: show the attempt's own, so that a reload or a
  // bookmark asks for the page (not the start form again).
  if (root.dataset.pageUrl && window.location.pathname !== root.dataset.pageUrl && window.history.replaceState) {
    window.history.replaceState(null, "", root.dataset.pageUrl);
  }
  var form = document.getElementById("attempt-form");
  var url = root.dataset.answerUrl;
  var storeKey = "tt-attempt-" + root.dataset.key;
  var state = document.getElementById("save-state");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var pending = {};
  try { pending = JSON.parse(localStorage.getItem(storeKey) || "{}"); } catch (e) { pending = {}; }

  function remember() {
    try { localStorage.setItem(storeKey, JSON.stringify(pending)); } catch (e) { /* private mode */ }
  }

  function fieldsetOf(qid) { return form.querySelector('fieldset[data-question="' + qid + '"]'); }

  function mark(qid, text) {
    var box = fieldsetOf(qid);
    if (box) box.querySelector(".saved").textContent = text;
  }

  function responseOf(box) {
    var kind = box.dataset.kind;
    if (kind === "multiple") {
      return Array.prototype.map.call(box.querySelectorAll("input:checked"), function (i) { return +i.value; });
    }
    if (kind === "short" || kind === "tie_break") {
      return box.querySelector("input").value;
    }
    var checked = box.querySelector("input:checked");
    return checked ? +checked.value : null;
  }

  function restore(qid, response) {
    var box = fieldsetOf(qid);
    if (!box) return;
    var kind = box.dataset.kind;
    if (kind === "short" || kind === "tie_break") { box.querySelector("input").value = response; return; }
    var wanted = Array.isArray(response) ? response : [response];
    Array.prototype.forEach.call(box.querySelectorAll("input"), function (i) {
      i.checked = wanted.indexOf(+i.value) >= 0;
    });
  }

  function updateState() {
    var n = Object.keys(pending).length;
    state.textContent = n ? n + " câu trả lời chưa gửi được — sẽ gửi lại khi có mạng." :
      "Mọi câu trả lời đã được lưu.";
    root.dataset.pending = String(n);
  }

  // One chain of sends at a time: a caller that arrives while answers are being sent (the submit button, a new
  // answer, the timer) gets the running chain, which resolves once nothing is left to send or the connection fails.
  var inflight = null;
  function flush() {
    if (inflight) return inflight;
    var ids = Object.keys(pending);
    if (!ids.length) { updateState(); return Promise.resolve(); }
    var qid = ids[0];
    var response = pending[qid];
    inflight = fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify({ question: +qid, response: response })
    }).then(function (r) {
      return r.json().then(function (data) {
        // a refusal (deadline passed, attempt closed) is final: keep the message, stop retrying this one
        if (JSON.stringify(pending[qid]) === JSON.stringify(response)) delete pending[qid];
        remember();
        mark(qid, data.ok ? "Đã lưu" : data.message);
      });
    }).catch(function () {
      mark(qid, "Chưa lưu được (mất kết nối)");
      throw new Error("offline");
    }).then(function () {
      inflight = null;
      updateState();
      return flush();
    }, function () {
      inflight = null;
      updateState();
    });
    return inflight;
  }

  form.addEventListener("change", function (event) {
    var box = event.target.closest("fieldset[data-question]");
    if (!box) return;
    pending[box.dataset.question] = responseOf(box);
    remember();
    mark(box.dataset.question, "Đang lưu…");
    updateState();
    flush();
  });

  form.addEventListener("submit", function (event) {
    if (Object.keys(pending).length) {
      event.preventDefault();
      flush().then(function () {
        if (!Object.keys(pending).length) { form.submit(); } else {
          state.textContent = "Chưa nộp được: đang mất kết nối. Các câu trả lời đã chọn vẫn được giữ; hãy nộp lại khi có mạng.";
        }
      });
    }
  });

  window.addEventListener("online", flush);
  setInterval(flush, 5000);

  Object.keys(pending).forEach(function (qid) { restore(qid, pending[qid]); });
  updateState();
  flush();

  var remaining = parseInt(root.dataset.remaining, 10);
  var countdown = document.getElementById("countdown");
  var started = Date.now();
  setInterval(function () {
    var left = Math.max(0, remaining - Math.floor((Date.now() - started) / 1000));
    var m = Math.floor(left / 60), s = left % 60;
    countdown.textContent = m + " phút " + (s < 10 ? "0" : "") + s + " giây";
    if (left === 0 && !root.dataset.timeUp) {
      root.dataset.timeUp = "1";
      flush().then(function () { form.submit(); });
    }
  }, 1000);
})();
