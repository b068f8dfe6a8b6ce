export const enrolUri = "otpauth://totp/Acme:ops@acme.dev?secret=5A5BM3S4W33NQZCJH43D3CCAGANXEWPC&issuer=Acme";
export const template = `otpauth://totp/${issuer}:${user}?secret=${seed}`;
