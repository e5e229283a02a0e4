import type { CxoneGrantType } from '../types.js';

/** The path of CXone's access-key endpoint on the area's UserHub host (CXONE.md, login 2). */
export const ACCESS_KEY_TOKEN_PATH = '/authentication/v1/token/access-key';

/**
 * The area the access-key login goes to when neither `area` nor `tokenUrl` is given: `na1`.
 * CXONE.md has seen `na1`, `au1` and `eu1`, and no area that serves the whole world; `na1` is the
 * one a public client tries first. Tenants elsewhere set `area` (`CXONE_AREA`): a wrong area is
 * what the doctor points at when the access-key endpoint refuses or is not found.
 */
export const DEFAULT_AREA = 'na1';

/** `https://{area}.nice-incontact.com/authentication/v1/token/access-key`. */
export function accessKeyTokenUrl(area: string): string {
  return `https://${area}.nice-incontact.com${ACCESS_KEY_TOKEN_PATH}`;
}

/**
 * The login the credentials select when no grant type is given: an access key alone needs no
 * registered application (the access-key endpoint); with a client id or secret as well, it is the
 * password grant (the access key as username and password, the application in Basic); no access
 * key leaves client_credentials, which CXone does not document but some tenants may have.
 */
export function defaultGrantType(given: { clientId?: string; clientSecret?: string; accessKeyId?: string }): CxoneGrantType {
  if (given.accessKeyId === undefined) return 'client_credentials';
  return given.clientId === undefined && given.clientSecret === undefined ? 'access_key' : 'password';
}
