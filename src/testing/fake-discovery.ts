import { json, type FakeAnswer } from './fake-http.js';
import type { FakeState } from './fake-state.js';

/**
 * The two discovery documents of CXONE.md, or undefined when `path` is neither. Each field says
 * where it comes from; the README's table of the fake lists the same.
 */
export function answerDiscovery(state: FakeState, path: string): FakeAnswer | undefined {
  const url = new URL(path, state.issuer);
  if (url.pathname === '/.well-known/openid-configuration') {
    // What CXone's lists (CXONE.md, "Environments"), nothing more: no grant_types_supported. The
    // endpoint paths other than the token endpoint and `/auth/jwks` are unverified.
    return json(200, {
      issuer: state.issuer,
      authorization_endpoint: `${state.issuer}/auth/authorize`,
      token_endpoint: `${state.issuer}/auth/token`,
      userinfo_endpoint: `${state.issuer}/auth/userinfo`,
      jwks_uri: `${state.issuer}/auth/jwks`,
      response_types_supported: ['code'],
      // CXone's document lists both whatever one application was registered with.
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['S256'],
    });
  }
  if (url.pathname === '/.well-known/cxone-configuration') {
    const tenantId = url.searchParams.get('tenantId');
    if (tenantId === null) return json(400, { error: 'invalid_request', error_description: 'tenantId is required' });
    if (tenantId !== state.tenantId) return json(404, { error: 'not_found', error_description: 'Unknown tenant' });
    // CXONE.md, "Finding the API host": these fields, domains bare. `api_endpoint` and
    // `auth_endpoint` point at the fake's own servers so that a client following them stays local;
    // `ui_endpoint` and the values of `acdDomain` and `globaldomain` are unverified.
    return json(200, {
      private: false,
      area: state.area,
      cluster: state.cluster,
      domain: 'niceincontact.com',
      acdDomain: 'niceincontact.com',
      uhDomain: 'nice-incontact.com',
      globaldomain: 'niceincontact.com',
      ui_endpoint: `https://${state.area}.nice-incontact.com`,
      auth_endpoint: state.issuer,
      api_endpoint: state.apiUrl,
      tenantId: state.tenantId,
    });
  }
  return undefined;
}
