import type { FakeState } from './fake-state.js';
import { jwtShapedToken, opaqueToken } from './fake-tokens.js';

// CXONE.md, "The token response": refresh tokens live 7200 s (the "2 hours" of the forum thread).
const REFRESH_TOKEN_SECONDS = 7200;

/**
 * A successful token answer, as CXone's has been seen (CXONE.md, "The token response"):
 * `access_token`, `token_type`, `expires_in`, `refresh_token`, `id_token`, `issued_token_type`.
 * The access token is registered as valid for `expires_in`.
 */
export function issueToken(state: FakeState): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000) + state.clockSkewSeconds;
  const { user } = state;
  const sub = `user:${user.userId}`;
  // id_token: `iss` is the issuer; `area` only when the tenant's tokens carry it (NICE's example has none).
  const idClaims = {
    iss: state.issuer,
    sub,
    aud: state.credentials.clientId,
    tenantId: state.tenantId,
    tenant: user.tenantName,
    userId: user.userId,
    icBUId: user.businessUnitId,
    icClusterId: state.cluster,
    icDomain: 'niceincontact.com',
    ...(state.areaInIdToken ? { area: state.area } : {}),
    iat: now,
    exp: now + state.expiresIn,
  };
  // Access token: `iss` is the auth host, not the issuer; `aud` is `<client id>@cxone` (seen in
  // 2023 and 2025 production tokens). `role` is the claim's shape, not a real tenant's roles.
  const accessClaims = {
    iss: state.authHost,
    sub,
    aud: `${state.credentials.clientId}@cxone`,
    tenantId: state.tenantId,
    icBUId: user.businessUnitId,
    icClusterId: state.cluster,
    role: ['Administrator'],
    iat: now,
    exp: now + state.expiresIn,
  };
  const accessToken = state.tokenFormat === 'jwt' ? jwtShapedToken(accessClaims) : opaqueToken();
  state.valid.set(accessToken, Date.now() + state.expiresIn * 1000);
  state.tokens.push(accessToken);
  state.stats.tokensIssued++;
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: state.expiresIn,
    refresh_token: jwtShapedToken({ iss: state.authHost, sub, tenantId: state.tenantId, iat: now, exp: now + REFRESH_TOKEN_SECONDS }),
    id_token: jwtShapedToken(idClaims),
    // CXONE.md has the field; its value here is RFC 8693's name for an access token (unverified for CXone).
    issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    ...(state.scope === undefined ? {} : { scope: state.scope }),
  };
}
