import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryTokenStore } from '../../src/index.js';
import { tokenStoreKey } from '../../src/token/token-store.js';
import { CLIENT_ID, CLIENT_SECRET } from '../support/credentials.js';

const token = (accessToken: string) => ({ accessToken, tokenType: 'Bearer', expiresAt: 10_000, refreshAt: 5_000 });

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('memoryTokenStore', () => {
  it('returns a stored token until its TTL runs out, then nothing', async () => {
    const store = memoryTokenStore();
    await store.set('k', token('a'), 1000);
    vi.advanceTimersByTime(999);
    expect(await store.get('k')).toEqual(token('a'));
    vi.advanceTimersByTime(1);
    expect(await store.get('k')).toBeUndefined();
  });

  it('deletes only the token it was told to when given one', async () => {
    const store = memoryTokenStore();
    await store.set('k', token('new'), 1000);
    await store.delete('k', 'old');
    expect(await store.get('k')).toEqual(token('new'));
    await store.delete('k', 'new');
    expect(await store.get('k')).toBeUndefined();
  });

  it('keeps no timer running', async () => {
    const store = memoryTokenStore();
    await store.set('k', token('a'), 60_000);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('tokenStoreKey', () => {
  const parts = { tokenUrl: 'https://t.test/auth/token', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, grantType: 'client_credentials' };

  it('differs by token URL, client, access key, grant type and scope', () => {
    const keys = new Set([
      tokenStoreKey(parts),
      tokenStoreKey({ ...parts, tokenUrl: 'https://u.test/auth/token' }),
      tokenStoreKey({ ...parts, clientId: 'other' }),
      tokenStoreKey({ ...parts, accessKeyId: 'AK' }),
      tokenStoreKey({ ...parts, grantType: 'password' }),
      tokenStoreKey({ ...parts, scope: 'RealTimeApi' }),
    ]);
    expect(keys.size).toBe(6);
  });

  it('differs by client secret and access key secret, so only the same credentials find the same token', () => {
    const keys = new Set([
      tokenStoreKey(parts),
      tokenStoreKey({ ...parts, clientSecret: 'wrong-secret' }),
      tokenStoreKey({ ...parts, accessKeyId: 'AK', accessKeySecret: 'one' }),
      tokenStoreKey({ ...parts, accessKeyId: 'AK', accessKeySecret: 'two' }),
    ]);
    expect(keys.size).toBe(4);
  });

  it('shows neither the client id nor anything secret', () => {
    const key = tokenStoreKey(parts);
    expect(key).toMatch(/^axios-cxone-auth:[0-9a-f]{32}$/);
    expect(key).not.toContain(CLIENT_ID);
    expect(key).not.toContain(CLIENT_SECRET);
  });
});
