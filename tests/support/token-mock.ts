import axios, { type AxiosInstance } from 'axios';
import { CLIENT_ID, CLIENT_SECRET, makeToken } from './credentials.js';
import { mockAdapterFor } from './mock-adapter.js';

export const TOKEN_URL = 'https://cxone.test/auth/token';

/** A token endpoint on a mock adapter: every request is recorded, and answers 200 unless told. */
export function mockTokenEndpoint(expiresIn = 3600) {
  const tokenHttp: AxiosInstance = axios.create();
  const mock = mockAdapterFor(tokenHttp);
  const issued: string[] = [];
  const grant = (): [number, unknown] => {
    const token = makeToken('mock');
    issued.push(token);
    return [200, { access_token: token, token_type: 'bearer', expires_in: expiresIn }];
  };
  mock.onPost(TOKEN_URL).reply(grant);
  return {
    tokenHttp,
    mock,
    issued,
    grant,
    /** How many token requests were made. */
    count: () => mock.history['post']?.length ?? 0,
    options: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: TOKEN_URL, tokenHttp },
  };
}
