import { json, type FakeAnswer } from './fake-http.js';
import type { FakeState } from './fake-state.js';
import type { FakeRequest } from './types.js';

type Request = Omit<FakeRequest, 'target'>;

const AGENTS = [
  { agentId: 1001, userName: 'ada.lovelace', firstName: 'Ada', lastName: 'Lovelace', isActive: true },
  { agentId: 1002, userName: 'alan.turing', firstName: 'Alan', lastName: 'Turing', isActive: true },
  { agentId: 1003, userName: 'grace.hopper', firstName: 'Grace', lastName: 'Hopper', isActive: false },
];

// CXone's API paths are case-insensitive in the wild (`inContactAPI` and `incontactapi` both occur).
const AGENTS_PATH = /^\/incontactapi\/services\/v\d+\.\d+\/agents(?:\/(\d+))?\/?$/i;

/**
 * The API server: every route needs a valid bearer token (401 with the reason otherwise). The
 * agents list stands for a real read-only API; `/echo/**` answers with what it received, for tests.
 */
export function answerApiRequest(state: FakeState, request: Request): FakeAnswer {
  const rejection = tokenRejection(state, request.headers.authorization);
  if (rejection !== undefined) {
    return json(401, { error: 'invalid_token', error_description: rejection }, {
      'www-authenticate': `Bearer error="invalid_token", error_description="${rejection}"`,
    });
  }
  const { pathname } = new URL(request.path, 'http://fake');
  if (pathname === '/echo' || pathname.startsWith('/echo/')) {
    return json(200, {
      method: request.method,
      path: request.path,
      contentType: request.headers['content-type'] ?? null,
      body: request.body,
      custom: request.headers['x-custom'] ?? null,
    });
  }
  const agents = AGENTS_PATH.exec(pathname);
  if (agents) {
    if (request.method !== 'GET' && request.method !== 'HEAD') return json(405, { error: 'method_not_allowed' });
    const id = agents[1];
    if (id === undefined) return json(200, { totalRecords: AGENTS.length, agents: AGENTS });
    const agent = AGENTS.find((candidate) => String(candidate.agentId) === id);
    return agent ? json(200, { agents: [agent] }) : json(404, { error: 'not_found' });
  }
  return json(404, { error: 'not_found' });
}

/** Why the bearer token is refused, or undefined when it is good. */
function tokenRejection(state: FakeState, authorization: string | undefined): string | undefined {
  const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
  if (token === undefined) return 'missing bearer token';
  const expiresAt = state.valid.get(token);
  if (expiresAt !== undefined) return expiresAt > Date.now() ? undefined : 'token expired';
  return state.revoked.has(token) ? 'token revoked' : 'unknown token';
}
