// Scan a door's QR code with the live camera where the browser can read QR codes itself
// (BarcodeDetector), and go to that door page on this server. Without it, or without this
// script, the photo field above opens the phone's camera and the server reads the code.
(function () {
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  document.addEventListener("DOMContentLoaded", function () {
    var live = document.querySelector("#scan .live");
    if (!live) return;
    var video = live.querySelector("video");
    var status = live.querySelector("[data-scan-status]");
    live.hidden = false;
    live.querySelector("[data-scan]").addEventListener("click", function () {
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        video.play();
        status.textContent = status.getAttribute("data-looking");
        var look = function () {
          detector.detect(video).then(function (codes) {
            var door = codes.map(function (code) { return doorPath(code.rawValue); }).filter(Boolean)[0];
            if (door) {
              stream.getTracks().forEach(function (track) { track.stop(); });
              window.location.assign(door);
              return;
            }
            if (codes.length) status.textContent = status.getAttribute("data-other");
            setTimeout(look, 250);
          }, function () { setTimeout(look, 500); });
        };
        look();
      }, function () {
        status.textContent = status.getAttribute("data-denied");
      });
    });
  });
  // the door page a code names, kept on this server: https://any.host/s/<slug> -> /s/<slug>
  function doorPath(text) {
    try {
      var url = new URL(text);
      var match = /^\/s\/([^/]+)\/?$/.exec(url.pathname);
      return (url.protocol === "https:" || url.protocol === "http:") && match ? "/s/" + match[1] : null;
    } catch (error) {
      return null;
    }
  }
})();
