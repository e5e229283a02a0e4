import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { ACCESS_KEY_PATH, answerAccessKeyRequest } from './fake-access-key-endpoint.js';
import { FakeFaults } from './fake-faults.js';
import { answerApiRequest } from './fake-api.js';
import { answerDiscovery } from './fake-discovery.js';
import { json, startFakeServer, type FakeAnswer } from './fake-http.js';
import { FAKE_CXONE_DEFAULTS as DEFAULTS } from './fake-options.js';
import { zeroStats, type FakeState } from './fake-state.js';
import { answerTokenRequest } from './fake-token-endpoint.js';
import { assertExpiresIn, assertOptions } from './fake-validate.js';
import type { FakeCxone, FakeCxoneOptions, FakeRequest, FakeTarget } from './types.js';

/**
 * Starts a fake NICE CXone on 127.0.0.1: two real HTTP servers, the issuer (token endpoint and
 * discovery documents) and the API, behaving as CXone does as far as is publicly known. Made for
 * tests and demos that must run offline; it checks tokens by looking them up and signs nothing.
 *
 * @example
 * const fake = await startFakeCxone();
 * const api = axios.create({ baseURL: fake.apiUrl });
 * attachCxoneAuth(api, { ...fake.credentials, tokenUrl: fake.tokenUrl });
 * await api.get('/inContactAPI/services/v31.0/agents');
 * fake.stats.tokenRequests; // 1
 * await fake.close();
 */
export async function startFakeCxone(options: FakeCxoneOptions = {}): Promise<FakeCxone> {
  const state = initialState(options);
  const record = options.recordRequests ?? DEFAULTS.recordRequests;
  const faults = new FakeFaults();
  const requests: FakeRequest[] = [];

  const answerWithFaults = (target: FakeTarget, request: Omit<FakeRequest, 'target'>, serve: () => FakeAnswer): FakeAnswer => {
    if (target === 'token') state.stats.tokenRequests++;
    else state.stats.apiRequests++;
    if (record) requests.push({ target, ...request });
    return faults.next(target, Date.now()) ?? serve();
  };

  const issuer = await startFakeServer(options.port ?? DEFAULTS.port, options.backlog, {
    answer: (request) => {
      const { pathname } = new URL(request.path, 'http://fake');
      if (pathname === '/auth/token') return answerWithFaults('token', request, () => answerTokenRequest(state, request));
      if (pathname === ACCESS_KEY_PATH) return answerWithFaults('token', request, () => answerAccessKeyRequest(state, request));
      state.stats.discoveryRequests++;
      if (record) requests.push({ target: 'discovery', ...request });
      return answerDiscovery(state, request.path) ?? json(404, { error: 'not_found' });
    },
    latencyMs: () => faults.latencyMs('token'),
    onAnswer(answer) {
      count(state, answer);
    },
  });
  const api = await startFakeServer(options.apiPort ?? DEFAULTS.apiPort, options.backlog, {
    answer: (request) => answerWithFaults('api', request, () => answerApiRequest(state, request)),
    latencyMs: () => faults.latencyMs('api'),
    onAnswer(answer) {
      count(state, answer);
    },
  }).catch(async (error: unknown) => {
    await issuer.close();
    throw error;
  });
  state.issuer = issuer.origin;
  state.apiUrl = api.origin;

  return {
    url: issuer.origin,
    tokenUrl: `${issuer.origin}/auth/token`,
    accessKeyTokenUrl: `${issuer.origin}${ACCESS_KEY_PATH}`,
    apiUrl: api.origin,
    credentials: state.credentials,
    tenantId: state.tenantId,
    area: state.area,
    stats: state.stats,
    requests,
    tokens: state.tokens,
    revokeAll() {
      for (const token of state.valid.keys()) state.revoked.add(token);
      state.valid.clear();
    },
    failNext(target, fault, times = 1) {
      faults.failNext(target, fault, times);
    },
    rateLimit(target, limit) {
      faults.rateLimit(target, limit, Date.now());
    },
    setLatency(target, ms) {
      faults.setLatency(target, ms);
    },
    setExpiresIn(seconds) {
      assertExpiresIn(seconds);
      state.expiresIn = seconds;
    },
    clearFaults() {
      faults.clear();
    },
    resetStats() {
      Object.assign(state.stats, zeroStats());
      requests.length = 0;
    },
    close: async () => {
      await Promise.all([issuer.close(), api.close()]);
    },
  };
}

function initialState(options: FakeCxoneOptions): FakeState {
  assertOptions(options);
  return {
    credentials: {
      clientId: options.clientId ?? `fake-client-${randomBytes(4).toString('hex')}`,
      clientSecret: options.clientSecret ?? randomBytes(18).toString('base64'),
      accessKeyId: options.accessKeyId ?? `FAKEKEY${randomBytes(6).toString('hex').toUpperCase()}`,
      accessKeySecret: options.accessKeySecret ?? randomBytes(24).toString('base64'),
    },
    clientAuthentication: options.clientAuthentication ?? DEFAULTS.clientAuthentication,
    grantTypes: options.grantTypes ?? DEFAULTS.grantTypes,
    tokenFormat: options.tokenFormat ?? DEFAULTS.tokenFormat,
    tenantId: options.tenantId ?? randomUUID(),
    area: options.area ?? DEFAULTS.area,
    cluster: options.cluster ?? DEFAULTS.cluster,
    authHost: options.authHost ?? DEFAULTS.authHost,
    areaInIdToken: options.areaInIdToken ?? DEFAULTS.areaInIdToken,
    accessKeyStatuses: { ...DEFAULTS.accessKeyStatuses, ...options.accessKeyStatuses },
    user: { userId: randomUUID(), businessUnitId: randomInt(4_000_000, 5_000_000), tenantName: 'Fake Tenant' },
    scope: options.scope,
    clockSkewSeconds: options.clockSkewSeconds ?? DEFAULTS.clockSkewSeconds,
    expiresIn: options.expiresIn ?? DEFAULTS.expiresIn,
    issuer: '',
    apiUrl: '',
    stats: zeroStats(),
    tokens: [],
    valid: new Map(),
    revoked: new Set(),
  };
}

function count(state: FakeState, answer: FakeAnswer): void {
  if ('reset' in answer) state.stats.resets++;
  if (!('status' in answer)) return;
  if (answer.status === 401) state.stats.unauthorized++;
  else if (answer.status === 429) state.stats.rateLimited++;
  else if (answer.status >= 500) state.stats.serverErrors++;
}
