import { OAuth2Client, OAuth2Fetch } from '@badgateway/oauth2-client';
import type { ContenderFactory } from '../types.js';
import { fetchFor, fetchStatus } from './shared.js';

/**
 * 5. @badgateway/oauth2-client's fetch wrapper, as its README sets it up for client_credentials:
 * `OAuth2Fetch({ client, getNewToken: () => client.clientCredentials() })`. It refreshes on 401
 * (one refresh at a time) and when the token has expired; it has no 429 handling. Not axios: its
 * floor is the bare fetch line.
 */
export const badgatewayFetch: ContenderFactory = {
  id: 'badgateway-fetch',
  name: '@badgateway/oauth2-client (fetch)',
  configNote:
    "`new OAuth2Fetch({ client, getNewToken: () => client.clientCredentials() })`, `authenticationMethod: 'client_secret_post'` " +
    "(CXone's client_credentials form); refresh on 401 and at expiry, no early refresh; uses fetch, not axios",
  packages: ['@badgateway/oauth2-client'],
  usesAxios: false,
  cannot: { ratelimit: 'no 429 handling in the library: every request in the window fails' },
  async create(target) {
    const send = fetchFor(target);
    const client = new OAuth2Client({
      server: new URL(target.tokenUrl).origin,
      tokenEndpoint: target.tokenUrl,
      clientId: target.credentials.clientId,
      clientSecret: target.credentials.clientSecret,
      authenticationMethod: 'client_secret_post',
      fetch: send,
    });
    const wrapper = new OAuth2Fetch({ client, getNewToken: () => client.clientCredentials() });
    // wrapper.fetch(url) is mw()(new Request(url), fetch); calling mw() ourselves lets the in-process
    // scenarios hand it their fetch in place of the global one, which wrapper.fetch always uses.
    const middleware = wrapper.mw();
    const get = target.inProcess
      ? (path: string) => fetchStatus(middleware(new Request(target.apiUrl + path), send))
      : (path: string) => fetchStatus(wrapper.fetch(target.apiUrl + path));
    return {
      name: this.name,
      configNote: this.configNote,
      get,
      // Its background refresh is a ref'd timer set to a minute before expiry, and OAuth2Fetch has
      // no way to stop it: without this, npm run bench waited an hour after its last table.
      close: () => {
        const timer = (wrapper as unknown as { refreshTimer: ReturnType<typeof setTimeout> | null }).refreshTimer;
        if (timer) clearTimeout(timer);
      },
    };
  },
};
