import axios, { type AxiosAdapter } from 'axios';
import MockAdapter from 'axios-mock-adapter';
import type { Target } from './types.js';

const TOKEN_URL = 'http://cxone.invalid/auth/token';
const API_URL = 'http://api.invalid';
/** The same small JSON body the fake's agents route sends. */
const AGENTS = {
  totalRecords: 2,
  agents: [
    { agentId: 1001, userName: 'ada.lovelace', firstName: 'Ada', lastName: 'Lovelace', isActive: true },
    { agentId: 1002, userName: 'alan.turing', firstName: 'Alan', lastName: 'Turing', isActive: true },
  ],
};

/**
 * A target answered in process, no sockets: axios contenders get axios-mock-adapter's adapter, the
 * fetch contenders a fetch that answers the same. Every token is good for an hour, every GET is 200:
 * what is left to measure is each contender's own work per request.
 */
export function inProcessTarget(): { target: Target; resetHistory: () => void } {
  let issued = 0;
  const token = () => ({ access_token: `in-process-${++issued}`, token_type: 'Bearer', expires_in: 3600 });
  const holder = axios.create();
  const mock = new MockAdapter(holder as never);
  mock.onPost(TOKEN_URL).reply(() => [200, token()]);
  mock.onGet().reply(200, AGENTS);
  const fakeFetch: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    return Response.json(request.url === TOKEN_URL ? token() : AGENTS);
  };
  return {
    target: {
      tokenUrl: TOKEN_URL,
      apiUrl: API_URL,
      credentials: { clientId: 'bench-client', clientSecret: 'bench+secret/=' },
      inProcess: { adapter: holder.defaults.adapter as AxiosAdapter, fetch: fakeFetch },
    },
    // axios-mock-adapter keeps every request in its history: the benchmark's memory, not the contender's.
    resetHistory: () => {
      mock.resetHistory();
    },
  };
}
