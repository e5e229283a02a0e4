import { attachCxoneAuth } from '../../src/index.js';
import type { ContenderFactory } from '../types.js';
import { axiosFor, statusOf } from './shared.js';

/** 6. This library, with its defaults. */
export const cxoneAuth: ContenderFactory = {
  id: 'axios-cxone-auth',
  name: 'axios-cxone-auth',
  configNote:
    '`attachCxoneAuth(api, { clientId, clientSecret, tokenUrl })`, all defaults: shared single-flight cache, ' +
    'background refresh 5 min before expiry (at most half the lifetime), one refresh on 401, Retry-After on 429 (3 retries) with one cooldown per host',
  packages: ['axios-cxone-auth'],
  usesAxios: true,
  cannot: {},
  async create(target) {
    const api = axiosFor(target, { baseURL: target.apiUrl });
    const auth = attachCxoneAuth(api, {
      ...target.credentials,
      tokenUrl: target.tokenUrl,
      tokenHttp: axiosFor(target),
    });
    return {
      name: this.name,
      configNote: this.configNote,
      get: (path) => statusOf(api.get(path)),
      close: () => {
        auth.detach();
      },
    };
  },
};
