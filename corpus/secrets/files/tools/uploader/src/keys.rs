//! Upload credentials.
use std::env;

const AUTH_TOKEN: &str = "8ef60ca530c060375abe5d7e022c89bc29530802";
const API_SECRET: &str = "67d070f3ff5beeffd3d014538c8e1901e81bd0eb0a901affc2fc06a572eefecc";
const ADMIN_PASSWORD: &str = "JIOGj4C*V1SM^TY+Qig5";
const PASSWORD: &str = "your-secret-key";
const ENABLE_PASSWORD_RESET: &str = "true";
const GOOGLE_API_KEY: &str = "AIzaSX5sPQTPfhdnsFkQQLYUosVhpe-bQaypX80";
const AWS_SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const COHERE_API_KEY: &str = "I3Rl2mCUDo8hUCVJc2H1FK1ygM7Gvnz11VyG6Pn8";
const COLOR_TOKEN: &str = "#1F6FEB";
const MASTER_KEY: &str = "JCyGC/KCwZz91fuVpt5bmQ03MPNbeTyMUodAiTYrPZM=";
const NPM_TOKEN: &str = "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";
const REPLICATE_API_TOKEN: &str = "r8_rddLui5Sw65b9mwnS39598yJZ6ue4pCYmUHdW";
