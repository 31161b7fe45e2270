// Reads check-in QR codes with the browser's own BarcodeDetector (no library). Where the
// browser has none, the page keeps its code field and name search.
(function () {
  "use strict";
  function ready() {
    var box = document.getElementById("scanner");
    var start = document.getElementById("scanner-start");
    var video = document.getElementById("scanner-video");
    var note = document.getElementById("scanner-note");
    var form = document.getElementById("code-form");
    if (!box || !start || !video || !form) { return; }
    if (!("BarcodeDetector" in window) || !navigator.mediaDevices) {
      note.textContent = box.dataset.unsupported;
      return;
    }
    start.hidden = false;  // offered only where this browser can read QR codes
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    var last = "";
    var lastAt = 0;
    function submit(code) {
      form.querySelector("[name=code]").value = code;
      if (window.htmx) { window.htmx.trigger(form, "submit"); } else { form.submit(); }
    }
    function scan() {
      detector.detect(video).then(function (codes) {
        var now = Date.now();
        if (codes.length && (codes[0].rawValue !== last || now - lastAt > 4000)) {
          last = codes[0].rawValue;
          lastAt = now;
          submit(last);
        }
      }).catch(function () {}).finally(function () { window.setTimeout(scan, 300); });
    }
    start.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        start.hidden = true;
        video.play();
        scan();
      }).catch(function (error) { note.textContent = String(error); });
    });
  }
  document.addEventListener("DOMContentLoaded", ready);
}());
