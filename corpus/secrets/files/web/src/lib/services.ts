import { z } from 'zod';

export const circleciToken: string = "CCIPAT_kPhIdqqnn4qHM8fequVaog_c5291fceb3fe6b2950f4322607801bee0cb47b57";
export const atlassianApiToken: string = "ATATT3xFfGF06Psk7_Vmwpjel339hTTfcVJDd-uLEgcz6iizSf_Vkz3290apEMY7pp2SHFFh9Dc490Lq-d_8xMqLuqdxmhifAhp1HSOmIhBVrVORZeBthh2jR76METw4u0NqCRiizk5SlAPTiPRVhlg830VQ0CmZ4KyBaVt3mtOXj1OaptdSJP=F8AC8BE8";
export const slackUserToken: string = "xoxp-30298687131-84496269080-9670615986387-f18634778b0443b40aed52295abb46e0";
export const apiKey: string = "JfWrw3FOMv80rb81DLMcxuM1RUrAsJVJ";
export const privateKey: string = "c3b6a314ae5b0f77841d4510cc06512697423ee5";
export const pypiApiToken = process.env.PYPI_API_TOKEN ?? '';
export const stripePublishableKey: string = "pk_live_GCrCr2u15B2X2OyO63gNz7gi";
export const cacheKey: string = "user:profile:v2";
export const webhookSecret: string = "81eddabaabd3c0eba0093e4b28e4b777e53f97128954986bcea91a974868518a";
export const jwtSecret = process.env.JWT_SECRET ?? '';
export const tenantId: string = "879674a1-2ddb-4b7d-89fa-8d4934562251";
export const clientSecret: string = "IbJvDTG9bx1TLWzpEXNpeRNQGBhKjAm0";
export const testPassword: string = "test";
export const dockerhubToken: string = "dckr_pat_Onl0uOKFcMNCG3kQSDU7sWTDwTV";
export const ghFineGrainedPat = process.env.GH_FINE_GRAINED_PAT ?? '';

export default {};
