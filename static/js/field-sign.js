// The signature pad of a record page: the drawing goes into the form's hidden "image" field as a PNG data URL.
(function () {
  "use strict";
  document.querySelectorAll("form#sign-form").forEach(function (form) {
    var canvas = form.querySelector("canvas.signature-pad");
    var pad = new window.SignaturePad(canvas, { backgroundColor: "rgb(255,255,255)" });
    function fit() {
      var ratio = Math.max(window.devicePixelRatio || 1, 1);
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext("2d").scale(ratio, ratio);
      pad.clear();
    }
    window.addEventListener("resize", fit);
    fit();
    form.querySelector("[data-signature-clear]").addEventListener("click", function () { pad.clear(); });
    form.addEventListener("submit", function () {
      var refused = form.querySelector("[name=refused]");
      form.querySelector("[name=image]").value = (refused && refused.checked) || pad.isEmpty() ? "" : pad.toDataURL("image/png");
    });
  });
})();
