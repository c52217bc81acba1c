// The body of a content item in a real rich-text editor: Trix (from npm, copied into static/vendor by `make install`).
// The form keeps its <textarea name="body"> for browsers without scripts; here it becomes a hidden field that Trix
// writes HTML into. The server sanitises whatever arrives (content/richtext.py keeps what Trix writes).
// Pictures dropped or pasted into the editor are uploaded to the item's "chèn ảnh" address (the same checks as any
// upload: type by signature, size, re-encoding) and placed as <figure><img></figure>.
(function () {
  "use strict";
  var Trix = window.Trix;
  if (!Trix) return;

  Trix.config.blockAttributes.heading1.tagName = "h2"; // the page title is the only <h1>
  Trix.config.attachments.preview.caption = { name: false, size: false };
  var lang = {
    attachFiles: "Chèn ảnh",
    bold: "Đậm",
    bullets: "Danh sách",
    byte: "byte",
    bytes: "byte",
    captionPlaceholder: "Thêm chú thích…",
    code: "Mã",
    heading1: "Tiêu đề",
    indent: "Tăng lề",
    italic: "Nghiêng",
    link: "Liên kết",
    numbers: "Danh sách số",
    outdent: "Giảm lề",
    quote: "Trích dẫn",
    redo: "Làm lại",
    remove: "Xóa",
    strike: "Gạch ngang",
    undo: "Hoàn tác",
    unlink: "Bỏ liên kết",
    url: "Địa chỉ",
    urlPlaceholder: "Nhập địa chỉ liên kết (https://…)",
    GB: "GB",
    KB: "KB",
    MB: "MB",
    PB: "PB",
    TB: "TB",
  };
  Object.keys(lang).forEach(function (key) { Trix.config.lang[key] = lang[key]; });

  var IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"];

  function csrfToken(form) {
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function say(status, text) {
    status.textContent = text;
    status.hidden = !text;
  }

  function upload(attachment, url, form, status) {
    var data = new FormData();
    data.append("file", attachment.file);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", url, true);
    xhr.setRequestHeader("X-CSRFToken", csrfToken(form));
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) attachment.setUploadProgress((event.loaded / event.total) * 100);
    });
    xhr.addEventListener("load", function () {
      var answer = {};
      try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = {}; }
      if (xhr.status === 201 && answer.url) {
        attachment.setAttributes({ url: answer.url, href: answer.url, width: answer.width, height: answer.height });
        say(status, "");
      } else {
        attachment.remove();
        say(status, answer.error || "Không tải được ảnh lên (mã lỗi " + xhr.status + ").");
      }
    });
    xhr.addEventListener("error", function () {
      attachment.remove();
      say(status, "Mất kết nối khi tải ảnh lên; hãy thử lại.");
    });
    xhr.send(data);
  }

  function upgrade(area) {
    var form = area.form;
    var uploadUrl = area.getAttribute("data-upload-url") || "";
    var label = area.id && document.querySelector('label[for="' + area.id + '"]');
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = area.name;
    input.id = area.id;
    input.value = area.value;
    var editor = document.createElement("trix-editor");
    editor.setAttribute("input", area.id);
    editor.className = "trix-content";
    editor.setAttribute("aria-label", label ? label.textContent.replace("*", "").trim() : "Nội dung");
    if (area.getAttribute("aria-describedby")) editor.setAttribute("aria-describedby", area.getAttribute("aria-describedby"));
    var status = document.createElement("p");
    status.className = "field-errors editor-status";
    status.setAttribute("role", "status");
    status.hidden = true;
    area.parentNode.insertBefore(input, area);
    area.parentNode.insertBefore(editor, area);
    area.parentNode.insertBefore(status, area);
    area.parentNode.removeChild(area);
    if (label) label.addEventListener("click", function () { editor.focus(); });

    editor.addEventListener("trix-file-accept", function (event) {
      if (!uploadUrl) {
        event.preventDefault();
        say(status, "Hãy lưu bài lần đầu, rồi mở «Sửa» để chèn ảnh vào nội dung.");
      } else if (IMAGE_TYPES.indexOf(event.file.type) === -1) {
        event.preventDefault();
        say(status, "Chỉ chèn được ảnh JPEG, PNG, GIF hoặc WebP; tệp khác hãy dùng «Đính kèm».");
      }
    });
    editor.addEventListener("trix-attachment-add", function (event) {
      if (event.attachment.file) upload(event.attachment, uploadUrl, form, status);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea.richtext").forEach(upgrade);
  });
})();
