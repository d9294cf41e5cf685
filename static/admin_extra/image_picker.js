/* The body editor's figure picker (templates/admin/articles/image/pick.html): choosing a
   picture hands its address, library id, alt text and caption back to the editor that opened
   this window (django-prose-editor's Figure dialog, through its CKEditor-style callback). */
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  const list = document.querySelector(".image-picker");
  if (!list) return;
  list.addEventListener("click", function (event) {
    const choice = event.target.closest(".image-picker__choice");
    if (!choice || !window.opener || !window.opener.CKEDITOR) return;
    window.opener.CKEDITOR.tools.callFunction(Number(list.dataset.callback), choice.dataset.url, {
      id: choice.dataset.id,
      alternative_text: choice.dataset.alt,
      caption: choice.dataset.caption,
    });
    window.close();
  });
});
