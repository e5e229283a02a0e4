import { createAuthRefresh } from 'axios-auth-refresh';
import axiosRetry from 'axios-retry';
import type { ContenderFactory } from '../types.js';
import { axiosFor, statusOf, tokenForm, type TokenResponse } from './shared.js';

/**
 * 3. axios-auth-refresh + axios-retry, wired as their READMEs show: a request interceptor that
 * reads the token from a store, `createAuthRefresh(api, refreshAuthLogic)` for 401 (its default
 * `deduplicateRefresh: true`), `axiosRetry(api, { retries: 3, retryDelay: exponentialDelay })` for
 * 429 (its default condition retries 429 on idempotent methods; exponentialDelay waits at least
 * Retry-After). The store is the hand-written part: a TTL cache with one fetch at a time.
 */
export const authRefreshRetry: ContenderFactory = {
  id: 'auth-refresh+retry',
  name: 'axios-auth-refresh + axios-retry',
  configNote:
    'hand-written cache (TTL, 10% / max 60 s early, one fetch at a time) in a request interceptor; ' +
    '`createAuthRefresh` clears it and refetches on 401; `axiosRetry({ retries: 3, retryDelay: exponentialDelay })` for 429',
  packages: ['axios-auth-refresh', 'axios-retry'],
  usesAxios: true,
  cannot: {},
  async create(target) {
    const tokenHttp = axiosFor(target);
    let token: { value: string; refreshAt: number } | undefined;
    let pending: Promise<string> | undefined;

    async function fetchToken(): Promise<string> {
      const { data } = await tokenHttp.post<TokenResponse>(target.tokenUrl, tokenForm(target));
      const lifetimeMs = data.expires_in * 1000;
      token = { value: data.access_token, refreshAt: Date.now() + lifetimeMs - Math.min(60_000, lifetimeMs / 10) };
      return token.value;
    }
    function getToken(): Promise<string> {
      if (token && Date.now() < token.refreshAt) return Promise.resolve(token.value);
      return (pending ??= fetchToken().finally(() => {
        pending = undefined;
      }));
    }

    const api = axiosFor(target, { baseURL: target.apiUrl });
    api.interceptors.request.use(async (config) => {
      config.headers.set('Authorization', `Bearer ${await getToken()}`);
      return config;
    });
    // as never: axios-auth-refresh declares the CommonJS axios types, which TypeScript holds apart from the ESM ones.
    createAuthRefresh(api as never, async (failedRequest) => {
      token = undefined;
      failedRequest.response.config.headers.Authorization = `Bearer ${await getToken()}`;
    });
    axiosRetry(api, { retries: 3, retryDelay: (count, error) => axiosRetry.exponentialDelay(count, error) });
    return { name: this.name, configNote: this.configNote, get: (path) => statusOf(api.get(path)) };
  },
};
