import type { AxiosError } from 'axios';
import { clientCredentials } from 'axios-oauth-client';
import axiosRetry from 'axios-retry';
import tokenProvider from 'axios-token-interceptor';
import type { ContenderFactory } from '../types.js';
import { axiosFor, statusOf, type TokenResponse } from './shared.js';

/**
 * 4. axios-oauth-client fetches (form-encoded, client in the body), axios-token-interceptor caches
 * for `expires_in` (`tokenCache` with `getMaxAge`, its README's recipe) and sets the header.
 * Neither handles 401; axios-retry's README offers its `onRetry` hook for "refresh a token on 401",
 * so 401 joins its retry condition and resets the cache (no delay for a 401; exponentialDelay,
 * at least Retry-After, for 429).
 */
export const oauthClientInterceptor: ContenderFactory = {
  id: 'oauth-client+token-interceptor',
  name: 'axios-oauth-client + axios-token-interceptor',
  configNote:
    '`clientCredentials(...)` behind `tokenProvider.tokenCache(..., { getMaxAge: expires_in })` (no early refresh) in `tokenProvider({ getToken })`; ' +
    "axios-retry (3 retries) retries 429 and 401, its `onRetry` calls `cache.reset()` on 401 (neither library handles 401)",
  packages: ['axios-oauth-client', 'axios-token-interceptor', 'axios-retry'],
  usesAxios: true,
  cannot: {},
  async create(target) {
    const getClientCredentials = clientCredentials(
      axiosFor(target),
      target.tokenUrl,
      target.credentials.clientId,
      target.credentials.clientSecret,
    );
    const cache = tokenProvider.tokenCache(() => getClientCredentials(undefined) as Promise<TokenResponse>, {
      getMaxAge: (body: TokenResponse) => body.expires_in * 1000,
    });
    const api = axiosFor(target, { baseURL: target.apiUrl });
    api.interceptors.request.use(
      tokenProvider({ getToken: cache, headerFormatter: (body: TokenResponse) => `Bearer ${body.access_token}` }),
    );
    const unauthorized = (error: AxiosError): boolean => error.response?.status === 401;
    axiosRetry(api, {
      retries: 3,
      retryCondition: (error) => axiosRetry.isNetworkOrIdempotentRequestError(error) || unauthorized(error),
      retryDelay: (count, error) => (unauthorized(error) ? 0 : axiosRetry.exponentialDelay(count, error)),
      onRetry: (_count, error) => {
        if (unauthorized(error)) cache.reset();
      },
    });
    return { name: this.name, configNote: this.configNote, get: (path) => statusOf(api.get(path)) };
  },
};
