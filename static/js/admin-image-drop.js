// The story form's lead image field (articles.admin.widgets.LeadImageWidget), and the focal point
// picker on the Image page.
//
// - A picture dropped on the box (or chosen with the button) is previewed in place; a click
//   on the preview sets its focal point, and an outline shows the 1.91:1 crop link previews
//   get. Alt text and credit are asked for, then "Upload and use as lead image" sends it to
//   the upload endpoint (articles.admin.image_chooser). Its checks answer in sentences shown beside
//   the box; nothing else on the story form is touched. On success the field holds the new
//   picture and shows its thumbnail.
// - "Choose a picture already uploaded" lists thumbnails with their alt text, searchable.
// - On the Image page, a click on the preview sets the focal point fields.
// No inline script or style: positions are set through the CSSOM, which the CSP allows.
(function () {
  "use strict";

  var SOCIAL_RATIO = 1200 / 630; // articles.images.renditions.CROPS["social"]

  function clamp(value) {
    return Math.min(1, Math.max(0, value));
  }

  // The same box as articles.images.renditions.crop_box, in fractions of the picture.
  function cropBox(width, height, x, y) {
    var cropW = width, cropH = height;
    if (width / height > SOCIAL_RATIO) cropW = Math.min(width, height * SOCIAL_RATIO);
    else cropH = Math.min(height, width / SOCIAL_RATIO);
    var left = Math.min(Math.max(x * width - cropW / 2, 0), width - cropW);
    var top = Math.min(Math.max(y * height - cropH / 2, 0), height - cropH);
    return {left: left / width, top: top / height, width: cropW / width, height: cropH / height};
  }

  function describe(x, y) {
    var across = x < 0.34 ? "left" : x > 0.66 ? "right" : "centre";
    var down = y < 0.34 ? "top" : y > 0.66 ? "bottom" : "middle";
    return down + " " + across + " (" + Math.round(x * 100) + "% across, " +
      Math.round(y * 100) + "% down)";
  }

  // A picture a click sets the focal point of: calls onChange(x, y) with fractions.
  function FocalPicker(picker, onChange) {
    var image = picker.querySelector("img");
    var marker = picker.querySelector(".focal-marker");
    var outline = picker.querySelector(".focal-crop");
    if (!outline) {
      outline = document.createElement("span");
      outline.className = "focal-crop";
      outline.setAttribute("aria-hidden", "true");
      picker.appendChild(outline);
    }
    var point = {x: 0.5, y: 0.5};

    function show() {
      marker.style.left = point.x * 100 + "%";
      marker.style.top = point.y * 100 + "%";
      if (image.naturalWidth && image.naturalHeight) {
        var box = cropBox(image.naturalWidth, image.naturalHeight, point.x, point.y);
        outline.style.left = box.left * 100 + "%";
        outline.style.top = box.top * 100 + "%";
        outline.style.width = box.width * 100 + "%";
        outline.style.height = box.height * 100 + "%";
        outline.hidden = false;
      }
    }

    function set(x, y, announce) {
      point = {x: clamp(x), y: clamp(y)};
      show();
      if (announce !== false) onChange(point.x, point.y);
    }

    image.addEventListener("load", show);
    picker.tabIndex = 0;
    picker.setAttribute("role", "button");
    picker.setAttribute("aria-label",
      "Focal point: click the picture, or use the arrow keys, on what must stay in view");
    picker.addEventListener("click", function (event) {
      var rect = image.getBoundingClientRect();
      if (!rect.width || !rect.height) return;
      set((event.clientX - rect.left) / rect.width, (event.clientY - rect.top) / rect.height);
    });
    picker.addEventListener("keydown", function (event) {
      var step = event.shiftKey ? 0.01 : 0.05;
      var moves = {ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step]};
      var move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      set(point.x + move[0], point.y + move[1]);
    });
    return {set: set, get: function () { return point; }};
  }

  // Thumbnails are cut (object-fit: cover) around the picture's focal point.
  function aimThumbnail(img, x, y) {
    if (isNaN(x) || isNaN(y)) return;
    img.style.objectPosition = x * 100 + "% " + y * 100 + "%";
  }

  function csrfToken(element) {
    var form = element.closest("form");
    var input = (form || document).querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function LeadImageField(root) {
    var value = root.querySelector("[data-lead-image-value]");
    var current = root.querySelector("[data-lead-image-current]");
    var none = root.querySelector("[data-lead-image-none]");
    var zone = root.querySelector("[data-image-drop-zone]");
    var fileInput = root.querySelector("[data-image-drop-file]");
    var details = root.querySelector("[data-image-drop-details]");
    var preview = root.querySelector("[data-image-drop-preview]");
    var errors = root.querySelector("[data-image-drop-errors]");
    var status = root.querySelector("[data-image-drop-status]");
    var alt = root.querySelector("[data-image-drop-alt]");
    var credit = root.querySelector("[data-image-drop-credit]");
    var caption = root.querySelector("[data-image-drop-caption]");
    var send = root.querySelector("[data-image-drop-send]");
    var focalText = root.querySelector("[data-focal-text]");
    var file = null;
    var uploading = false;
    var focal = FocalPicker(root.querySelector("[data-focal-picker]"), function (x, y) {
      focalText.textContent = describe(x, y);
    });
    var shown = root.querySelector("[data-lead-image-thumb]");
    aimThumbnail(shown, parseFloat(shown.dataset.focalX), parseFloat(shown.dataset.focalY));

    function showErrors(messages) {
      var list = errors.querySelector("ul");
      list.replaceChildren.apply(list, messages.map(function (text) {
        var item = document.createElement("li");
        item.textContent = text;
        return item;
      }));
      errors.hidden = messages.length === 0;
    }

    function choose(image) {
      value.value = image ? String(image.id) : "";
      current.hidden = !image;
      none.hidden = !!image;
      if (image) {
        var thumb = root.querySelector("[data-lead-image-thumb]");
        thumb.src = image.thumbnail;
        aimThumbnail(thumb, image.focal_point[0], image.focal_point[1]);
        root.querySelector("[data-lead-image-alt]").textContent = image.alt || "(no alt text yet)";
        root.querySelector("[data-lead-image-credit]").textContent = image.credit;
        root.querySelector("[data-lead-image-edit]").href = image.change_url;
      }
      // The story form's unsaved-changes guard listens for change events.
      value.dispatchEvent(new Event("change", {bubbles: true}));
    }

    function take(newFile) {
      showErrors([]);
      status.textContent = "";
      if (!newFile) return;
      if (!/^image\//.test(newFile.type)) {
        showErrors(["“" + newFile.name + "” is not a picture: drop a JPEG, PNG, WebP or GIF file."]);
        return;
      }
      file = newFile;
      var reader = new FileReader();
      reader.addEventListener("load", function () {
        preview.src = reader.result;
        details.hidden = false;
        focal.set(0.5, 0.5, false);
        focalText.textContent = "centre";
        alt.focus();
      });
      reader.readAsDataURL(newFile);
    }

    function reset() {
      file = null;
      fileInput.value = "";
      details.hidden = true;
      preview.removeAttribute("src");
      alt.value = credit.value = caption.value = "";
      status.textContent = "";
    }

    fileInput.addEventListener("change", function () {
      take(fileInput.files[0]);
    });
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("image-drop-zone--over");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () {
        zone.classList.remove("image-drop-zone--over");
      });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      var files = event.dataTransfer && event.dataTransfer.files;
      take(files && files[0]);
    });

    root.querySelector("[data-image-drop-cancel]").addEventListener("click", function () {
      reset();
      showErrors([]);
    });
    root.querySelector("[data-lead-image-remove]").addEventListener("click", function () {
      choose(null);
    });

    send.addEventListener("click", function () {
      if (!file) {
        showErrors(["Drop a picture on the box, or choose one with the button, before uploading."]);
        return;
      }
      var point = focal.get();
      var data = new FormData();
      data.append("file", file);
      data.append("alt_text", alt.value.trim());
      data.append("credit", credit.value.trim());
      data.append("caption", caption.value.trim());
      data.append("focal_x", point.x.toFixed(4));
      data.append("focal_y", point.y.toFixed(4));
      send.disabled = true;
      uploading = true;
      status.textContent = "Uploading… (the picture's sizes are being made; keep writing)";
      fetch(root.dataset.uploadUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: {"X-CSRFToken": csrfToken(root), "Accept": "application/json"},
      }).then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) {
          throw new Error(response.status === 200 ?
            "Your login may have ended: log in again in another tab, then upload again." :
            "The upload failed (the server answered " + response.status + "). Try again.");
        }
        return response.json().then(function (body) {
          if (!response.ok) {
            var messages = [];
            Object.keys(body.errors || {}).forEach(function (field) {
              messages = messages.concat(body.errors[field]);
            });
            showErrors(messages.length ? messages : ["The upload failed. Try again."]);
            status.textContent = "Not added.";
            return;
          }
          reset();
          showErrors([]);
          choose(body.image);
          status.textContent = "";
          none.hidden = true;
        });
      }).catch(function (error) {
        showErrors([error.message || "The upload failed: check the connection and try again."]);
        status.textContent = "Not added.";
      }).finally(function () {
        send.disabled = false;
        uploading = false;
      });
    });

    // Saving the story mid-upload would save it without the new picture: wait for it.
    var form = root.closest("form");
    if (form) {
      form.addEventListener("submit", function (event) {
        if (!uploading) return;
        event.preventDefault();
        event.stopImmediatePropagation();
        showErrors(["The picture is still uploading: save again once its thumbnail shows above."]);
      }, true);
    }

    // The library of pictures already uploaded.
    var library = root.querySelector("[data-lead-image-library]");
    var search = root.querySelector("[data-library-search]");
    var results = root.querySelector("[data-library-results]");
    var empty = root.querySelector("[data-library-empty]");
    var timer = null;

    function load() {
      var url = root.dataset.libraryUrl + "?q=" + encodeURIComponent(search.value.trim());
      fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) { return response.ok ? response.json() : {results: []}; })
        .then(function (body) {
          results.replaceChildren.apply(results, body.results.map(function (image) {
            var item = document.createElement("li");
            var button = document.createElement("button");
            button.type = "button";
            button.className = "lead-image-choice";
            var thumb = document.createElement("img");
            thumb.src = image.thumbnail;
            thumb.alt = "";
            thumb.loading = "lazy";
            aimThumbnail(thumb, image.focal_point[0], image.focal_point[1]);
            var words = document.createElement("span");
            words.textContent = image.alt || "(no alt text)";
            button.append(thumb, words);
            button.addEventListener("click", function () {
              choose(image);
              library.open = false;
            });
            item.appendChild(button);
            return item;
          }));
          empty.hidden = body.results.length > 0;
        });
    }

    library.addEventListener("toggle", function () {
      if (library.open) load();
    });
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(load, 250);
    });
    // Enter in the search box must not submit the story.
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        load();
      }
    });
  }

  // The Image page: the preview sets the focal point fields named by data-focal-x / -y.
  function ImagePageFocal(picker) {
    var xInput = document.getElementById(picker.dataset.focalX);
    var yInput = document.getElementById(picker.dataset.focalY);
    if (!xInput || !yInput) return;
    var focal = FocalPicker(picker, function (x, y) {
      xInput.value = x.toFixed(3);
      yInput.value = y.toFixed(3);
      xInput.dispatchEvent(new Event("change", {bubbles: true}));
    });
    function fromInputs() {
      var x = parseFloat(xInput.value), y = parseFloat(yInput.value);
      focal.set(isNaN(x) ? 0.5 : x, isNaN(y) ? 0.5 : y, false);
    }
    xInput.addEventListener("input", fromInputs);
    yInput.addEventListener("input", fromInputs);
    fromInputs();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-lead-image]").forEach(LeadImageField);
    document.querySelectorAll("[data-focal-picker][data-focal-x]").forEach(ImagePageFocal);
  });
})();
