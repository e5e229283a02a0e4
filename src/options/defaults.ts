import { DEFAULT_AREA } from '../login/login-choice.js';

/** Issuers of the CXone environments (../shared/CXONE.md). Pass one as `issuer`. */
export const CXONE_ISSUERS = {
  /** Global production: the default. */
  global: 'https://cxone.niceincontact.com',
  /** FedRAMP moderate. */
  fedramp: 'https://cxone-gov.niceincontact.com',
  /** Australian sovereign cloud. */
  australia: 'https://nicecxone-sov1.au',
  /** EU sovereign cloud. */
  europe: 'https://nicecxone-sov1.eu',
  /** UK sovereign cloud (CXONE.md: medium-low confidence, its `/auth/jwks` seen in NICE's infrastructure code). */
  unitedKingdom: 'https://nicecxone-sov1.uk',
} as const;

/**
 * Hosts that get the token when the instance has no `baseURL` and `authorizeHosts` is not given:
 * the API domains CXONE.md has evidence for. Not the legacy `*.incontact.com`: CXONE.md names no
 * API host there, and every domain listed here is one more that receives tokens.
 */
export const CXONE_API_HOSTS: readonly string[] = [
  '*.niceincontact.com',
  '*.nice-incontact.com',
  // FedRAMP's digital APIs (NICE's SDK, CXONE.md "Finding the API host").
  '*.nicecxone-gov.com',
  '*.nicecxone-sov1.au',
  '*.nicecxone-sov1.eu',
  '*.nicecxone-sov1.uk',
];

/** The defaults of `attachCxoneAuth` and `fetchCxoneToken`, declared once. */
export const DEFAULT_OPTIONS = {
  issuer: CXONE_ISSUERS.global,
  tokenPath: '/auth/token',
  area: DEFAULT_AREA,
  expiryMarginMs: 300_000,
  tokenTimeoutMs: 10_000,
  lockWaitMs: 5_000,
} as const;

/** The environment variable behind each option that has one. */
export const ENVIRONMENT_VARIABLES = {
  clientId: 'CXONE_CLIENT_ID',
  clientSecret: 'CXONE_CLIENT_SECRET',
  accessKeyId: 'CXONE_ACCESS_KEY_ID',
  accessKeySecret: 'CXONE_ACCESS_KEY_SECRET',
  grantType: 'CXONE_GRANT_TYPE',
  issuer: 'CXONE_ISSUER',
  area: 'CXONE_AREA',
  tokenUrl: 'CXONE_TOKEN_URL',
  clientAuth: 'CXONE_CLIENT_AUTH',
  scope: 'CXONE_SCOPE',
} as const;
