async function loadNotifications() {
  const res = await fetch("/api/notifications");
  const items = await res.json();
  const ul = document.querySelector("#notifications");
  for (const n of items) {
    const li = document.createElement("li");
    li.textContent = n.message;
    ul.appendChild(li);
  }
}

loadNotifications();
