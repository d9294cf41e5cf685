/* The image chooser (articles/admin/images.py): choosing a library picture shows it under
   the search box, with its alt text, caption and credit, as the story will use them. The
   preview is a polite live region, so a screen reader hears what was chosen. */
"use strict";
(function () {
  const CHOOSER = "select.image-chooser";

  function show(select, image) {
    const preview = document.getElementById(select.id + "_preview");
    if (!preview) return;
    preview.replaceChildren();
    if (!image) return;
    if (image.thumbnail) {
      const img = document.createElement("img");
      img.src = image.thumbnail;
      img.width = 160;
      img.height = 160;
      img.alt = "";
      preview.append(img);
    } else {
      const pending = document.createElement("span");
      pending.className = "image-pending";
      pending.textContent = "Renditions pending";
      preview.append(pending);
    }
    const alt = document.createElement("p");
    alt.className = "image-chooser__alt";
    const label = document.createElement("span");
    label.textContent = "Alt text:";
    alt.append(label, " ", image.alt || "No alt text yet: the story cannot be published until it has some.");
    const caption = document.createElement("p");
    caption.className = "image-chooser__caption";
    caption.textContent = [image.caption, image.credit].filter(Boolean).join(" — ");
    preview.append(alt, caption);
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!(window.django && window.django.jQuery)) return;
    const $ = window.django.jQuery;
    $(document).on("select2:select", CHOOSER, function (event) { show(this, event.params.data); });
    $(document).on("select2:unselect select2:clear", CHOOSER, function () { show(this, null); });
  });
})();
