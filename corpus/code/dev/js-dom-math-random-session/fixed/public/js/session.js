export function newSessionId() {
  return "s-" + crypto.randomUUID();
}
