/* Khung hỏi đáp của trường, gắn vào website khác:
   <script src="https://…/static/assistant/widget.js" data-truong="MÃ-TRƯỜNG" async></script>
   Tạo một iframe tới trang /hoi-dap/<mã>/nhung/ ngay sau thẻ script; khung tự báo chiều cao để vừa nội dung. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var code = (script.getAttribute("data-truong") || "").replace(/[^A-Za-z0-9_-]/g, "");
  if (!code) { return; }
  var origin = new URL(script.src, document.baseURI).origin;
  var frame = document.createElement("iframe");
  frame.src = origin + "/hoi-dap/" + encodeURIComponent(code) + "/nhung/";
  frame.title = script.getAttribute("data-tieu-de") || "Hỏi đáp về kế hoạch, nghị quyết của nhà trường";
  frame.loading = "lazy";
  frame.width = "100%";
  frame.height = script.getAttribute("data-cao") || "420";
  frame.style.border = "0";
  frame.style.maxWidth = "100%";
  script.parentNode.insertBefore(frame, script.nextSibling);
  window.addEventListener("message", function (event) {
    if (event.origin !== origin || event.source !== frame.contentWindow) { return; }
    var data = event.data || {};
    if (data.frame === "tro-ly" && typeof data.height === "number" && data.height > 0 && data.height < 5000) {
      frame.height = String(Math.ceil(data.height) + 8);
    }
  });
})();
