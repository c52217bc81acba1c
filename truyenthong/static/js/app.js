/* truyenthong — small progressive enhancements shared by every page (no inline scripts). */
(function () {
  "use strict";
  // A form is sent once: the second click while the first request runs does nothing, and the button says so.
  // The server refuses a repeated form key anyway (core/idempotency.py); this spares the user the wait.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || (form.method || "get").toLowerCase() !== "post") return;
    // A page script that holds the submission back (e.g. answers still being sent) keeps the form usable.
    if (event.defaultPrevented) return;
    if (form.dataset.sending === "1") { event.preventDefault(); return; }
    form.dataset.sending = "1";
    // Disable after the submission has been built, so the clicked button's name/value is still sent.
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]").forEach(function (b) {
        b.disabled = true;
        b.setAttribute("aria-busy", "true");
      });
    }, 0);
    // A download answers without leaving the page: give the buttons back after a while.
    window.setTimeout(function () {
      delete form.dataset.sending;
      form.querySelectorAll("[aria-busy=true]").forEach(function (b) { b.disabled = false; b.removeAttribute("aria-busy"); });
    }, 15000);
  });
  // Long lists of people or units become searchable (type a few letters, accents optional): tom-select from npm.
  var SEARCHABLE_FROM = 15;
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (typeof window.TomSelect !== "function") return;
    document.querySelectorAll("select").forEach(function (select) {
      if (select.options.length < SEARCHABLE_FROM && !select.hasAttribute("data-searchable")) return;
      var label = select.id && document.querySelector('label[for="' + select.id + '"]');
      var name = label ? label.textContent.replace("*", "").trim() : (select.getAttribute("aria-label") || "");
      var ts = new window.TomSelect(select, {
        maxOptions: null,
        create: false,
        allowEmptyOption: true,
        plugins: select.multiple ? ["remove_button"] : [],
        score: function (query) {
          var folded = fold(query);
          return function (item) { return fold(item.text || "").indexOf(folded) === -1 ? 0 : 1; };
        },
        render: {
          no_results: function () { return '<div class="no-results">Không tìm thấy mục nào khớp.</div>'; },
        },
      });
      // tom-select points the label at its own input; the hidden original keeps its name for assistive tools.
      if (name) {
        select.setAttribute("aria-label", name);
        if (ts.control_input) ts.control_input.setAttribute("aria-label", name);
      }
    });
  });
  // A choice that depends on another (an indicator source's parameters): shown only while its source is chosen.
  // The fields carry data-param-of (the name of the controlling select) and data-param-source (the value it needs).
  function syncDependentFields() {
    document.querySelectorAll("[data-param-of]").forEach(function (input) {
      var control = input.form && input.form.elements[input.getAttribute("data-param-of")];
      var group = input.closest(".field");
      if (!control || !group) return;
      group.hidden = control.value !== input.getAttribute("data-param-source");
    });
  }
  document.addEventListener("DOMContentLoaded", syncDependentFields);
  document.addEventListener("change", function (event) {
    if (event.target instanceof HTMLSelectElement) syncDependentFields();
  });
  // Coming back with the browser's back button shows the page from cache: make its forms usable again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sending]").forEach(function (form) {
      delete form.dataset.sending;
      form.querySelectorAll("[aria-busy=true]").forEach(function (b) { b.disabled = false; b.removeAttribute("aria-busy"); });
    });
  });
})();
