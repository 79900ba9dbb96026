// The story form's lead image field (articles.admin.widgets.LeadImageWidget), and the focal point
// picker on the Image page.
//
// - A picture dropped on the box (or chosen with the button) is previewed in place; a click
//   on the preview sets its focal point, and an outline shows the 1.91:1 crop link previews
//   get. Alt text and credit are asked for. The picture is part of the story's Save: its file
//   and words are posted with the story, and Save without its alt text or credit is refused
//   here, in the page, with the reason (everything typed, the file too, stays). "Upload and use
//   as lead image" sends it at once to the upload endpoint (articles.admin.image_chooser)
//   instead; on success the field holds the new picture and shows its thumbnail. The file's
//   IPTC/XMP is read as soon as it is chosen: shown, and its caption and credit filled in
//   where nothing was typed.
// - Shown again unsaved (the story's save was refused), the picture's words are back and the
//   page asks for the file again: a browser does not keep a chosen file.
// - A new picture is prepared by the task worker: the field says how far it is, asking the
//   progress endpoint every 1.5 s until it is ready (or failed, with the reason).
// - "Choose a picture already uploaded" lists thumbnails with their alt text, searchable.
// - On the Image page, a click on the preview sets the focal point fields.
// No inline script or style: positions are set through the CSSOM, which the CSP allows.
(() => {
  "use strict";

  const SOCIAL_RATIO = 1200 / 630; // articles.images.renditions.CROPS["social"]

  function clamp(value) {
    return Math.min(1, Math.max(0, value));
  }

  // The same box as articles.images.renditions.crop_box, in fractions of the picture.
  function cropBox(width, height, x, y) {
    let cropW = width;
    let cropH = height;
    if (width / height > SOCIAL_RATIO) cropW = Math.min(width, height * SOCIAL_RATIO);
    else cropH = Math.min(height, width / SOCIAL_RATIO);
    const left = Math.min(Math.max(x * width - cropW / 2, 0), width - cropW);
    const top = Math.min(Math.max(y * height - cropH / 2, 0), height - cropH);
    return {left: left / width, top: top / height, width: cropW / width, height: cropH / height};
  }

  function describe(x, y) {
    const across = x < 0.34 ? "left" : x > 0.66 ? "right" : "centre";
    const down = y < 0.34 ? "top" : y > 0.66 ? "bottom" : "middle";
    return down + " " + across + " (" + Math.round(x * 100) + "% across, " +
      Math.round(y * 100) + "% down)";
  }

  // A picture a click sets the focal point of: calls onChange(x, y) with fractions.
  function FocalPicker(picker, onChange) {
    const image = picker.querySelector("img");
    const marker = picker.querySelector(".focal-marker");
    let outline = picker.querySelector(".focal-crop");
    if (!outline) {
      outline = document.createElement("span");
      outline.className = "focal-crop";
      outline.setAttribute("aria-hidden", "true");
      picker.appendChild(outline);
    }
    let point = {x: 0.5, y: 0.5};

    function show() {
      marker.style.left = point.x * 100 + "%";
      marker.style.top = point.y * 100 + "%";
      if (image.naturalWidth && image.naturalHeight) {
        const box = cropBox(image.naturalWidth, image.naturalHeight, point.x, point.y);
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
    picker.addEventListener("click", (event) => {
      const rect = image.getBoundingClientRect();
      if (!rect.width || !rect.height) return;
      set((event.clientX - rect.left) / rect.width, (event.clientY - rect.top) / rect.height);
    });
    picker.addEventListener("keydown", (event) => {
      const step = event.shiftKey ? 0.01 : 0.05;
      const moves = {ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step]};
      const move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      set(point.x + move[0], point.y + move[1]);
    });
    return { set, get: () => point };
  }

  // Thumbnails are cut (object-fit: cover) around the picture's focal point.
  function aimThumbnail(img, x, y) {
    if (isNaN(x) || isNaN(y)) return;
    img.style.objectPosition = x * 100 + "% " + y * 100 + "%";
  }

  function LeadImageField(root) {
    const value = root.querySelector("[data-lead-image-value]");
    const current = root.querySelector("[data-lead-image-current]");
    const none = root.querySelector("[data-lead-image-none]");
    const zone = root.querySelector("[data-image-drop-zone]");
    const fileInput = root.querySelector("[data-image-drop-file]");
    const details = root.querySelector("[data-image-drop-details]");
    const preview = root.querySelector("[data-image-drop-preview]");
    const errors = root.querySelector("[data-image-drop-errors]");
    const status = root.querySelector("[data-image-drop-status]");
    const alt = root.querySelector("[data-image-drop-alt]");
    const credit = root.querySelector("[data-image-drop-credit]");
    const caption = root.querySelector("[data-image-drop-caption]");
    const send = root.querySelector("[data-image-drop-send]");
    const focalText = root.querySelector("[data-focal-text]");
    const focalX = root.querySelector("[data-focal-x-value]");
    const focalY = root.querySelector("[data-focal-y-value]");
    let file = null;
    let uploading = false;
    const focal = FocalPicker(root.querySelector("[data-focal-picker]"), (x, y) => {
      focalText.textContent = describe(x, y);
      focalX.value = x.toFixed(4);
      focalY.value = y.toFixed(4);
    });
    const shown = root.querySelector("[data-lead-image-thumb]");
    aimThumbnail(shown, parseFloat(shown.dataset.focalX), parseFloat(shown.dataset.focalY));

    function showErrors(messages) {
      const list = errors.querySelector("ul");
      list.replaceChildren(...messages.map((text) => {
        const item = document.createElement("li");
        item.textContent = text;
        return item;
      }));
      errors.hidden = messages.length === 0;
    }

    // A new picture is prepared by the task worker: say how far it is until it is ready.
    const progress = root.querySelector("[data-lead-image-progress]");
    let polling = null;

    function describeProgress(state) {
      if (state.status === "failed") return state.label + ": " + state.problem;
      return "Preparing the picture for readers: " + state.done + " of " + state.total +
        " sizes made. You can keep writing; the story can be published once it is ready.";
    }

    function follow(image) {
      clearTimeout(polling);
      const state = image && image.progress;
      progress.hidden = !state || state.status === "ready";
      progress.dataset.status = state ? state.status : "";
      if (!state || state.status === "ready") return;
      progress.textContent = describeProgress(state);
      if (state.status === "preparing") poll(image.progress_url);
    }

    function poll(url) {
      polling = setTimeout(() => {
        fetch(url, {credentials: "same-origin"})
          .then((response) => response.ok ? response.json() : null)
          .then((body) => {
            if (!body || String(body.image.id) !== value.value) return;
            if (body.image.progress.status === "ready" && body.image.thumbnail) {
              root.querySelector("[data-lead-image-thumb]").src = body.image.thumbnail;
            }
            follow(body.image);
          })
          .catch(() => poll(url));
      }, 1500);
    }

    function choose(image) {
      value.value = image ? String(image.id) : "";
      current.hidden = !image;
      none.hidden = !!image;
      if (image) {
        const thumb = root.querySelector("[data-lead-image-thumb]");
        thumb.src = image.thumbnail;
        aimThumbnail(thumb, image.focal_point[0], image.focal_point[1]);
        root.querySelector("[data-lead-image-alt]").textContent = image.alt || "(no alt text yet)";
        root.querySelector("[data-lead-image-credit]").textContent = image.credit;
        root.querySelector("[data-lead-image-edit]").href = image.change_url;
      }
      follow(image);
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
      if (fileInput.files[0] !== newFile) {
        // A dropped file goes into the file input, so the story's Save posts it.
        const transfer = new DataTransfer();
        transfer.items.add(newFile);
        fileInput.files = transfer.files;
      }
      const reader = new FileReader();
      reader.addEventListener("load", () => {
        preview.src = reader.result;
        details.hidden = false;
        focal.set(0.5, 0.5, false);
        focalText.textContent = "centre";
        focalX.value = focalY.value = "0.5";
        alt.focus();
      });
      reader.readAsDataURL(newFile);
      readMetadata(newFile);
    }

    // The file's IPTC/XMP: shown, and its caption and credit put where nothing was typed.
    const readBox = root.querySelector("[data-image-drop-read]");
    function readMetadata(newFile) {
      readBox.hidden = true;
      const data = new FormData();
      data.append("file", newFile);
      NewsroomFetch.post(root.dataset.readUrl, data, { scope: root.closest("form") || root })
        .then((answer) => {
          if (!answer.ok || file !== newFile) return;
          const body = answer.data;
          if (body.prefill.caption && !caption.value.trim()) caption.value = body.prefill.caption;
          if (body.prefill.credit && !credit.value.trim()) credit.value = body.prefill.credit;
          const list = readBox.querySelector("[data-image-drop-read-list]");
          list.replaceChildren(...body.read.flatMap((row) => {
            const term = document.createElement("dt");
            term.textContent = row.label;
            const value = document.createElement("dd");
            value.textContent = row.value;
            return [term, value];
          }));
          readBox.querySelector("[data-image-drop-ai]").hidden = !body.ai_made;
          readBox.hidden = body.read.length === 0;
          offerDuplicates(body.duplicates || []);
        })
        .catch(() => { readBox.hidden = true; });
    }

    // Pictures we already have that look the same (articles.images.duplicates): each with its
    // rights and usage, and "Use this picture" instead of uploading a second copy.
    const dupBox = root.querySelector("[data-image-drop-duplicates]");
    function offerDuplicates(found) {
      const list = dupBox.querySelector("[data-image-drop-duplicates-list]");
      list.replaceChildren(...found.map((image) => {
        const item = document.createElement("li");
        const thumb = document.createElement("img");
        thumb.src = image.thumbnail;
        thumb.alt = "";
        aimThumbnail(thumb, image.focal_point[0], image.focal_point[1]);
        const words = document.createElement("div");
        const lines = [image.alt || "(no alt text)", image.credit, image.licence, image.usage]
          .concat(image.rights_problems);
        lines.forEach((text, index) => {
          const line = document.createElement("p");
          line.textContent = text;
          if (index >= 4) line.className = "image-drop-duplicate-problem";
          words.appendChild(line);
        });
        const use = document.createElement("button");
        use.type = "button";
        use.className = "button default";
        use.textContent = "Use this picture";
        use.addEventListener("click", () => {
          reset();
          showErrors([]);
          choose(image);
        });
        const open = document.createElement("a");
        open.href = image.change_url;
        open.target = "_blank";
        open.rel = "noopener";
        open.textContent = "Its page";
        const actions = document.createElement("p");
        actions.append(use, " ", open);
        words.appendChild(actions);
        item.append(thumb, words);
        return item;
      }));
      dupBox.hidden = found.length === 0;
    }
    root.querySelector("[data-image-drop-keep]").addEventListener("click", () => {
      dupBox.hidden = true;
      alt.focus();
    });

    function reset() {
      file = null;
      fileInput.value = "";
      details.hidden = true;
      preview.removeAttribute("src");
      alt.value = credit.value = caption.value = "";
      status.textContent = "";
      readBox.hidden = true;
      dupBox.hidden = true;
    }

    fileInput.addEventListener("change", () => {
      take(fileInput.files[0]);
    });
    ["dragenter", "dragover"].forEach((name) => {
      zone.addEventListener(name, (event) => {
        event.preventDefault();
        zone.classList.add("image-drop-zone--over");
      });
    });
    ["dragleave", "drop"].forEach((name) => {
      zone.addEventListener(name, () => {
        zone.classList.remove("image-drop-zone--over");
      });
    });
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      const files = event.dataTransfer && event.dataTransfer.files;
      take(files && files[0]);
    });

    root.querySelector("[data-image-drop-cancel]").addEventListener("click", () => {
      reset();
      showErrors([]);
    });
    root.querySelector("[data-lead-image-remove]").addEventListener("click", () => {
      choose(null);
    });

    send.addEventListener("click", () => {
      if (!file) {
        showErrors(["Drop a picture on the box, or choose one with the button, before uploading."]);
        return;
      }
      const point = focal.get();
      const data = new FormData();
      data.append("file", file);
      data.append("alt_text", alt.value.trim());
      data.append("credit", credit.value.trim());
      data.append("caption", caption.value.trim());
      data.append("focal_x", point.x.toFixed(4));
      data.append("focal_y", point.y.toFixed(4));
      send.disabled = true;
      uploading = true;
      status.textContent = "Uploading…";
      NewsroomFetch.post(root.dataset.uploadUrl, data, { scope: root.closest("form") || root })
        .then((answer) => {
          const body = answer.data;
          if (!answer.ok) {
            let messages = [];
            Object.keys(body.errors || {}).forEach((field) => {
              messages = messages.concat(body.errors[field]);
            });
            showErrors(messages.length ? messages : [body.error || "The upload failed. Try again."]);
            status.textContent = "Not added.";
            return;
          }
          // Until the worker has made its sizes, the thumbnail is the preview shown here.
          if (!body.image.thumbnail) body.image.thumbnail = preview.src;
          reset();
          showErrors([]);
          choose(body.image);
          status.textContent = "";
          none.hidden = true;
        })
        .catch(() => {
          showErrors(["The upload failed: check the connection and try again."]);
          status.textContent = "Not added.";
        })
        .finally(() => {
          send.disabled = false;
          uploading = false;
        });
    });

    // Saving the story mid-upload would save it without the new picture: wait for it. A
    // chosen picture without its alt text or credit refuses the save here, with the reason,
    // so nothing typed (nor the chosen file) is lost.
    const form = root.closest("form");
    if (form) {
      form.addEventListener("submit", (event) => {
        let messages = [];
        if (uploading) {
          messages = ["The picture is still uploading: save again once its thumbnail shows above."];
        } else if (fileInput.files.length) {
          if (!alt.value.trim()) messages.push("Not saved: " + root.dataset.noAlt);
          if (!credit.value.trim()) messages.push("Not saved: " + root.dataset.noCredit);
        }
        if (!messages.length) return;
        event.preventDefault();
        event.stopImmediatePropagation();
        showErrors(messages);
        errors.scrollIntoView({block: "center"});
        (alt.value.trim() ? credit : alt).focus();
      }, true);
    }
    if (progress.dataset.status === "preparing") poll(progress.dataset.progressUrl);
    if (root.dataset.pendingFile) {
      // Shown again unsaved: the words are back; the file must be chosen again.
      details.hidden = false;
      preview.hidden = true;
      fileInput.addEventListener("change", () => { preview.hidden = false; }, {once: true});
    }

    // The library of pictures already uploaded.
    const library = root.querySelector("[data-lead-image-library]");
    const search = root.querySelector("[data-library-search]");
    const results = root.querySelector("[data-library-results]");
    const empty = root.querySelector("[data-library-empty]");
    let timer = null;

    function load() {
      const url = root.dataset.libraryUrl + "?q=" + encodeURIComponent(search.value.trim());
      fetch(url, {credentials: "same-origin"})
        .then((response) => response.ok ? response.json() : {results: []})
        .then((body) => {
          results.replaceChildren(...body.results.map((image) => {
            const item = document.createElement("li");
            const button = document.createElement("button");
            button.type = "button";
            button.className = "lead-image-choice";
            const thumb = document.createElement("img");
            thumb.src = image.thumbnail;
            thumb.alt = "";
            thumb.loading = "lazy";
            aimThumbnail(thumb, image.focal_point[0], image.focal_point[1]);
            const words = document.createElement("span");
            words.textContent = image.alt || "(no alt text)";
            // "Used 3 times, last on 2 Dec 2026 in …": the usage log, before it is reused.
            const used = document.createElement("span");
            used.className = "lead-image-usage";
            used.textContent = image.usage;
            button.append(thumb, words, used);
            button.addEventListener("click", () => {
              choose(image);
              library.open = false;
            });
            item.appendChild(button);
            return item;
          }));
          empty.hidden = body.results.length > 0;
        });
    }

    library.addEventListener("toggle", () => {
      if (library.open) load();
    });
    search.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(load, 250);
    });
    // Enter in the search box must not submit the story.
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        load();
      }
    });
  }

  // The Image page: the preview sets the focal point fields named by data-focal-x / -y.
  function ImagePageFocal(picker) {
    const xInput = document.getElementById(picker.dataset.focalX);
    const yInput = document.getElementById(picker.dataset.focalY);
    if (!xInput || !yInput) return;
    const focal = FocalPicker(picker, (x, y) => {
      xInput.value = x.toFixed(3);
      yInput.value = y.toFixed(3);
      xInput.dispatchEvent(new Event("change", {bubbles: true}));
    });
    function fromInputs() {
      const x = parseFloat(xInput.value);
      const y = parseFloat(yInput.value);
      focal.set(isNaN(x) ? 0.5 : x, isNaN(y) ? 0.5 : y, false);
    }
    xInput.addEventListener("input", fromInputs);
    yInput.addEventListener("input", fromInputs);
    fromInputs();
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-lead-image]").forEach(LeadImageField);
    document.querySelectorAll("[data-focal-picker][data-focal-x]").forEach(ImagePageFocal);
  });
})();
