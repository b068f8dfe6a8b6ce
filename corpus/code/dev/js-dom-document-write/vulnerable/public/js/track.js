(function () {
  const params = new URLSearchParams(location.search);
  const campaign = params.get("utm_campaign") || "none";
  document.write("<span class='campaign'>" + campaign + "</span>");
})();
