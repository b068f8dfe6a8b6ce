window.addEventListener("message", (event) => {
  if (event.origin !== "https://app.example.com") return;
  document.getElementById("status").textContent = String(event.data.text);
});
