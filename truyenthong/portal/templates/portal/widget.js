{% autoescape off %}// Chuyên mục của trường: chèn khung các bài mới nhất ngay sau thẻ script này.
(function () {
  "use strict";
  var config = {{ config }};
  var script = document.currentScript;
  if (!script) { return; }
  var count = parseInt(script.getAttribute("data-so-bai") || "5", 10);
  if (!(count >= 1 && count <= 10)) { count = 5; }
  var frame = document.createElement("iframe");
  frame.src = config.frame + "?so-bai=" + count;
  frame.title = config.title;
  frame.loading = "lazy";
  frame.width = "100%";
  frame.height = script.getAttribute("data-cao") || String(80 + count * 64);
  frame.setAttribute("frameborder", "0");
  frame.style.border = "0";
  frame.style.maxWidth = "100%";
  script.parentNode.insertBefore(frame, script.nextSibling);
})();
{% endautoescape %}
