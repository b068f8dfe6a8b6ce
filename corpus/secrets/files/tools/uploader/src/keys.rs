//! Upload credentials.
use std::env;

const SESSION_COOKIE_NAME: &str = "sessionid";
const SENTRY_AUTH_TOKEN: &str = "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";
const DISCORD_BOT_TOKEN: &str = "NDk3MTE2NjA5MDUzMzA1NTMx.czTBWO.jF5ygBU0Ybvx_95bL1AVwz46Dp4e_WnQAZWASX";
const PWD: &str = "p_X80Io&myF1%bCa9p9@-8wV778";
const INTEGRITY: &str = "sha512-aJi35bjDTQFs9rwOEao5lKNUQspEchEj1Rz+964pL+YK3L8sFKMm5folGx+MCYZEeBfMZdM2p0I0dSBwcf7UDg==";
const SLACK_USER_TOKEN: &str = "xoxp-39652529543-31605352922-4481484718783-f19ee700b9c70fa04e9b885c9e98811a";
const LDAP_BIND_PASSWORD: &str = "River!saffron3152";
const SMTP_PASSWORD: &str = "Cobalt@lantern1580";
const TOKEN_TYPE: &str = "Bearer";
const OPENAI_API_KEY: &str = "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";
const JWT_SIGNING_KEY: &str = "PQTPfhdnsFkQ@*QLYUo%sVhpe@!";
const TEST_PASSWORD: &str = "test";
