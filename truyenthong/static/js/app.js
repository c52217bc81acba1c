/* truyenthong — small progressive enhancements shared by every page (no inline scripts). */
(function () {
  "use strict";
  // A form is sent once: the second click while the first request runs does nothing, and the button says so.
  // The server refuses a repeated form key anyway (core/idempotency.py); this spares the user the wait.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || (form.method || "get").toLowerCase() !== "post") return;
    if (form.dataset.sending === "1") { event.preventDefault(); return; }
    form.dataset.sending = "1";
    // Disable after the submission has been built, so the clicked button's name/value is still sent.
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]").forEach(function (b) {
        b.disabled = true;
        b.setAttribute("aria-busy", "true");
      });
    }, 0);
  });
  // Coming back with the browser's back button shows the page from cache: make its forms usable again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sending]").forEach(function (form) {
      delete form.dataset.sending;
      form.querySelectorAll("[aria-busy=true]").forEach(function (b) { b.disabled = false; b.removeAttribute("aria-busy"); });
    });
  });
})();
