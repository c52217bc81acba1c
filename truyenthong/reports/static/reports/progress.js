/* Report generation: poll the job's progress and move the <progress> bar; reload the page when it is finished. */
(function () {
  "use strict";
  var box = document.querySelector("[data-job-url]");
  if (!box || !window.fetch) { return; }
  var bar = box.querySelector("progress");
  var step = box.querySelector("[data-job-step]");
  function poll() {
    fetch(box.getAttribute("data-job-url"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        bar.value = job.progress;
        bar.textContent = job.progress + "%";
        step.textContent = job.step + " (" + job.progress + "%)";
        if (job.finished) {
          window.location.replace(box.getAttribute("data-done-url"));
          return;
        }
        window.setTimeout(poll, 600);
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  poll();
})();
