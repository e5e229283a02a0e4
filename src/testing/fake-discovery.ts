import { json, type FakeAnswer } from './fake-http.js';
import type { FakeState } from './fake-state.js';

/** The two discovery documents of CXONE.md, or undefined when `path` is neither. */
export function answerDiscovery(state: FakeState, path: string): FakeAnswer | undefined {
  const url = new URL(path, state.issuer);
  if (url.pathname === '/.well-known/openid-configuration') {
    return json(200, {
      issuer: state.issuer,
      token_endpoint: `${state.issuer}/auth/token`,
      grant_types_supported: state.grantTypes,
      token_endpoint_auth_methods_supported:
        state.clientAuthentication === 'either'
          ? ['client_secret_basic', 'client_secret_post']
          : [state.clientAuthentication === 'basic' ? 'client_secret_basic' : 'client_secret_post'],
      response_types_supported: ['token', 'id_token'],
    });
  }
  if (url.pathname === '/.well-known/cxone-configuration') {
    const tenantId = url.searchParams.get('tenantId');
    if (tenantId === null) return json(400, { error: 'invalid_request', error_description: 'tenantId is required' });
    if (tenantId !== state.tenantId) return json(404, { error: 'not_found', error_description: 'Unknown tenant' });
    const apiHost = new URL(state.apiUrl).host;
    return json(200, {
      tenantId: state.tenantId,
      api_endpoint: state.apiUrl,
      area: state.area,
      cluster: state.cluster,
      domain: apiHost,
      uhDomain: apiHost,
    });
  }
  return undefined;
}
