// A tiny formatting bar for the body textarea: wraps the selection in allow-listed tags (the server sanitises anyway).
(function () {
  "use strict";
  var buttons = [["Đậm", "<strong>", "</strong>"], ["Nghiêng", "<em>", "</em>"], ["Tiêu đề", "<h3>", "</h3>"],
    ["Đoạn", "<p>", "</p>"], ["Danh sách", "<ul>\n<li>", "</li>\n</ul>"], ["Trích dẫn", "<blockquote>", "</blockquote>"]];
  function wrap(area, before, after) {
    var start = area.selectionStart, end = area.selectionEnd, text = area.value;
    area.value = text.slice(0, start) + before + text.slice(start, end) + after + text.slice(end);
    area.focus();
    area.selectionStart = start + before.length;
    area.selectionEnd = end + before.length;
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea.richtext").forEach(function (area) {
      var bar = document.createElement("div");
      bar.className = "editor-bar";
      bar.setAttribute("role", "toolbar");
      bar.setAttribute("aria-label", "Định dạng");
      buttons.forEach(function (b) {
        var btn = document.createElement("button");
        btn.type = "button";
        btn.className = "btn secondary";
        btn.textContent = b[0];
        btn.addEventListener("click", function () { wrap(area, b[1], b[2]); });
        bar.appendChild(btn);
      });
      var link = document.createElement("button");
      link.type = "button";
      link.className = "btn secondary";
      link.textContent = "Liên kết";
      link.addEventListener("click", function () {
        var url = window.prompt("Địa chỉ liên kết (https://…)");
        if (url && /^(https?:|mailto:)/i.test(url)) {
          wrap(area, '<a href="' + url.replace(/"/g, "%22") + '">', "</a>");
        }
      });
      bar.appendChild(link);
      area.parentNode.insertBefore(bar, area);
    });
  });
})();
