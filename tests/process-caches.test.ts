import axios from 'axios';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachCxoneAuth, discoverCxoneApi, fetchCxoneToken } from '../src/index.js';
import { clearProcessCaches, processCaches } from '../src/process-caches.js';
import type { FakeCxone } from '../src/testing/index.js';
import { CLIENT_ID, CLIENT_SECRET } from './support/credentials.js';
import { closeSuiteFake, startSuiteFake } from './support/use-fake-cxone.js';

// Issue 13.2: what outlives detach() lives in one module, and one call drops it.
let fake!: FakeCxone;
beforeEach(async () => {
  fake = await startSuiteFake();
});
afterEach(() => closeSuiteFake(fake));

describe('the process-wide caches', () => {
  it('keep a discovered API host past detach(), and clearProcessCaches() makes the next lookup ask the issuer again', async () => {
    const api = axios.create();
    const auth = attachCxoneAuth(api, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: fake.tokenUrl, baseURL: 'discover' });
    await api.get('/inContactAPI/services/v31.0/agents');
    await auth.detach();
    expect(processCaches.discovered.size).toBeGreaterThan(0);
    expect(processCaches.tenants.size).toBeGreaterThan(0);

    const token = await fetchCxoneToken({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: fake.tokenUrl });
    await discoverCxoneApi(token);
    expect(fake.stats.discoveryRequests).toBe(1);

    clearProcessCaches();
    await discoverCxoneApi(token);
    expect(fake.stats.discoveryRequests).toBe(2);
  });

  it('keep the last bearer header and parsed URLs past detach(), and clearProcessCaches() drops them', async () => {
    const api = axios.create({ baseURL: fake.apiUrl });
    const auth = attachCxoneAuth(api, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: fake.tokenUrl });
    await api.get('/inContactAPI/services/v31.0/agents');
    await auth.detach();
    expect(processCaches.bearer.header).toBe(`Bearer ${fake.tokens[0]}`);
    expect(processCaches.parsedUrls.size).toBeGreaterThan(0);
    expect(processCaches.baseOrigin.url).toBe(fake.apiUrl);

    clearProcessCaches();

    expect(processCaches).toMatchObject({ bearer: { token: '', header: '' }, baseOrigin: { url: undefined, origin: undefined } });
    expect([processCaches.discovered.size, processCaches.tenants.size, processCaches.parsedUrls.size, processCaches.resolvedUrls.size]).toEqual([0, 0, 0, 0]);
  });
});
