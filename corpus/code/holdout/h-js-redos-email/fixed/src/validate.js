export const EMAIL = /^[a-zA-Z0-9_.-]{1,64}@[a-zA-Z0-9-]{1,63}(?:\.[a-zA-Z0-9-]{1,63}){0,4}\.[a-zA-Z]{2,24}$/;

export function isEmail(s) {
  return EMAIL.test(s);
}
