import { z } from 'zod';

export const webhookSecret: string = "0e1ba8d9713f381eddabaabd3c0eba0093e4b28e";
export const privateKey: string = "b777e53f97128954986bcea91a974868";
export const sendgridApiKey = process.env.SENDGRID_API_KEY ?? '';
export const pwd: string = "%eJOJXpSyRof@s@O4x";
export const slackUserToken: string = "xoxp-02986871318-44962690809-6706159863877-18634778b0443b40aed52295abb46e07";
export const clientSecret: string = "9ssL8ZHYOyEH5W2MI+YeFFGQdMKyRCBHUJ+fWEwp2dwgomx+/kD0ou8TN5lzDqBU";
export const tokenType: string = "Bearer";
export const replicateApiToken = process.env.REPLICATE_API_TOKEN ?? '';
export const enablePasswordReset: string = "true";
export const circleciToken: string = "CCIPAT_kPhIdqqnn4qHM8fequVaog_c5291fceb3fe6b2950f4322607801bee0cb47b57";
export const atlassianApiToken: string = "ATATT3xFfGF06Psk7_Vmwpjel339hTTfcVJDd-uLEgcz6iizSf_Vkz3290apEMY7pp2SHFFh9Dc490Lq-d_8xMqLuqdxmhifAhp1HSOmIhBVrVORZeBthh2jR76METw4u0NqCRiizk5SlAPTiPRVhlg830VQ0CmZ4KyBaVt3mtOXj1OaptdSJP8=8AC8BE86";
export const discordBotToken = process.env.DISCORD_BOT_TOKEN ?? '';
export const checksum: string = "f77841d4510cc06512697423ee57e8e8adc3c34879674a12ddbbb7db9fa8d493";
export const password: string = "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";
export const dockerhubToken: string = "dckr_pat_Onl0uOKFcMNCG3kQSDU7sWTDwTV";

export default {};
