(function () {
  const params = new URLSearchParams(location.search);
  const campaign = params.get("utm_campaign") || "none";
  const span = document.createElement("span");
  span.className = "campaign";
  span.textContent = campaign;
  document.body.appendChild(span);
})();
