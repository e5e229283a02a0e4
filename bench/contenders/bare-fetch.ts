import type { ContenderFactory } from '../types.js';
import { fetchFor, fetchStatus, fetchTokenOnce } from './shared.js';

const FIXED = 'fixed token fetched before the run: a reference floor only';

/**
 * Reference, not one of the six: Node's fetch with a fixed token. @badgateway/oauth2-client wraps
 * fetch, so its distance to bare axios is partly fetch's own; this line shows how much.
 */
export const bareFetch: ContenderFactory = {
  id: 'bare-fetch',
  name: 'bare fetch (reference)',
  configNote: "Node's `fetch` with a fixed `Authorization` header: the floor of the fetch-based contender, not a contender",
  packages: [],
  usesAxios: false,
  cannot: { cold: FIXED, rollover: FIXED, revocation: FIXED, ratelimit: FIXED },
  async create(target) {
    const token = await fetchTokenOnce(target);
    const send = fetchFor(target);
    const headers = { Authorization: `Bearer ${token}` };
    return {
      name: this.name,
      configNote: this.configNote,
      get: (path) => fetchStatus(send(target.apiUrl + path, { headers })),
    };
  },
};
