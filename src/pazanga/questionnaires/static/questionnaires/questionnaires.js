// A "Use my location" button next to every location answer; typing stays possible.
document.addEventListener("DOMContentLoaded", function () {
  if (!("geolocation" in navigator)) return;
  document.querySelectorAll("input[data-geopoint]").forEach(function (input) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary q-locate";
    button.textContent = document.documentElement.lang === "lt" ? "Naudoti mano vietą" : "Use my location";
    button.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        var c = position.coords;
        input.value = [c.latitude.toFixed(6), c.longitude.toFixed(6), Math.round(c.altitude || 0), Math.round(c.accuracy || 0)].join(" ");
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
    });
    input.insertAdjacentElement("afterend", button);
  });
});
