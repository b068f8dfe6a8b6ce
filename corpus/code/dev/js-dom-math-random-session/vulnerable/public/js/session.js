export function newSessionId() {
  return "s-" + Math.floor(Math.random() * 1e16).toString(16);
}
