const params = new URLSearchParams(window.location.search);

document.getElementById("login-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  await fetch("/api/login", { method: "POST", body: new FormData(e.target) });
  const target = params.get("redirect") || "/";
  window.location.href = target.startsWith("/") && !target.startsWith("//") ? target : "/";
});
