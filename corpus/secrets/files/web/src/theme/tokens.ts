export const tokens = {
  colorTokenPrimary: 'var(--color-brand-primary-500)',
  spacingToken: 'space-4',
  passwordInputClass: 'form-control form-control--password',
};
export const AUTH_TOKEN_STORAGE_KEY = 'acme.auth.accessToken';
export const SECRET_SCANNING_DOCS = 'https://docs.acme.io/security/secret-scanning';
const query = gql`mutation ResetPasswordWithToken($token: String!) { resetPassword(token: $token) { ok } }`;
