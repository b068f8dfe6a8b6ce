'use strict';
const path = require('path');

const stripeRestrictedKey = process.env.STRIPE_RESTRICTED_KEY;
const secretKey = 'django-insecure-)khh@2&4ct(ljdc!h@2-n_v=n@^*noqv-!#(sr+dfd#uibbz^!';
const privateKey = '7e3f68719640380c0ab16760b9d08ce1d5dad84b5ab6f428e7d1c87b00c018d7';
const masterKey = 'FOuNL9Y6XiFj4wmwYxkFGCBxnhOyKyIm';
const cargoRegistryToken = process.env.CARGO_REGISTRY_TOKEN;
const sentryAuthToken = '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';
const checksum = 'cfc0c45b49a7db1c4504475ffcac794e685c601b9015bcdefadb46d41592add4';
const consumerSecret = 'FWU9pd96T2qaUbciezOU0IrT3SuSHmSZXNbBS5Q9tMF2MMpf';
const shopifySharedSecret = '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';
const privateKey = process.env.PRIVATE_KEY;
const passwordHashAlgorithm = 'argon2id';
const githubAppToken = 'ghu_wFpg3AzIQ8O4qvGSxRBcMODeoPJ8in34Ftv1';
const colorToken = '#1F6FEB';
const sessionCookieName = 'sessionid';
const gitlabToken = 'glpat-7GeXO2Qoe1qhroYOgz4V';

module.exports = { port: 3000 };
