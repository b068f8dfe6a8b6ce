export const oauth = {
  clientId: 'becb3f41-37a5-4062-917f-3f6dae837fda',
  clientSecret: '9USBsTVsp4va9Qbr3eFBMdcHuTLBeNnvzboWVcYJ',
  tokenEndpoint: 'https://login.acme.io/oauth2/v2.0/token',
  scope: 'openid profile offline_access',
};
