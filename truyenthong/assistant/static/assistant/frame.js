/* Inside the widget's iframe: tell the embedding page how tall the content is (values come from the JSON block). */
(function () {
  "use strict";
  var node = document.getElementById("tro-ly-cau-hinh");
  if (!node || window.parent === window) { return; }
  var config = JSON.parse(node.textContent);
  function report() {
    window.parent.postMessage({ frame: config.frame, school: config.school, height: document.body.scrollHeight }, "*");
  }
  window.addEventListener("load", report);
  window.addEventListener("resize", report);
})();
