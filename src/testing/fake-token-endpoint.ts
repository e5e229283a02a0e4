import { json, type FakeAnswer } from './fake-http.js';
import type { FakeState } from './fake-state.js';
import { issueToken } from './fake-token-answer.js';
import type { FakeRequest } from './types.js';

type Request = Omit<FakeRequest, 'target'>;

/** What CXone answers when it cannot read or match the client: the 401 of the JSON-body bug. */
const INVALID_CLIENT = { error: 'invalid_client', error_description: 'Client authentication failed' };

/**
 * `POST /auth/token`, as CXONE.md describes it: form-encoded only (a JSON body is not read, so the
 * client is unknown: 401), the client in Basic or in the body as the tenant expects, the
 * client_credentials grant or the password grant with an access key.
 */
export function answerTokenRequest(state: FakeState, request: Request): FakeAnswer {
  if (request.method !== 'POST') return json(405, { error: 'invalid_request', error_description: 'Use POST' });
  const contentType = request.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return json(401, INVALID_CLIENT, { icStatusDescription: 'Invalid client credentials' });
  }
  const form = new URLSearchParams(request.body);
  if (!clientMatches(state, request.headers.authorization, form)) {
    return json(401, INVALID_CLIENT, { icStatusDescription: 'Invalid client credentials' });
  }
  const grantType = form.get('grant_type');
  if (grantType === null) return json(400, { error: 'invalid_request', error_description: 'grant_type is required' });
  if (grantType !== 'password' && grantType !== 'client_credentials') {
    return json(400, { error: 'unsupported_grant_type', error_description: `Unsupported grant type: ${grantType}` });
  }
  if (!state.grantTypes.includes(grantType)) {
    return json(400, { error: 'unauthorized_client', error_description: `The client may not use the ${grantType} grant` });
  }
  if (grantType === 'password') {
    const { accessKeyId, accessKeySecret } = state.credentials;
    if (form.get('username') !== accessKeyId || form.get('password') !== accessKeySecret) {
      return json(400, { error: 'invalid_grant', error_description: 'Invalid access key' });
    }
  }
  return json(200, issueToken(state), { 'cache-control': 'no-store' });
}

function clientMatches(state: FakeState, authorization: string | undefined, form: URLSearchParams): boolean {
  const basic = basicCredentials(authorization);
  const { clientAuthentication, credentials } = state;
  let client: { id: string | null; secret: string | null } | undefined;
  if (basic && clientAuthentication !== 'body') client = basic;
  else if (!basic && clientAuthentication !== 'basic') client = { id: form.get('client_id'), secret: form.get('client_secret') };
  return client !== undefined && client.id === credentials.clientId && client.secret === credentials.clientSecret;
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const encoded = /^Basic (.+)$/i.exec(header ?? '')?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
