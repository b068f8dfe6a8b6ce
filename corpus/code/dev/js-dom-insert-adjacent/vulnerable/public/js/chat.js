import DOMPurify from "dompurify";

const socket = new WebSocket("wss://chat.example.com/ws");
const list = document.getElementById("messages");

socket.addEventListener("message", (event) => {
  const msg = JSON.parse(event.data);
  list.insertAdjacentHTML("beforeend", `<li><b>${msg.user}</b>: ${msg.text}</li>`);
});
