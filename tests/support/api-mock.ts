import axios, { type AxiosInstance } from 'axios';
import { attachCxoneAuth, type CxoneAuthOptions } from '../../src/index.js';
import { mockTokenEndpoint } from './token-mock.js';
import { mockAdapterFor } from './mock-adapter.js';

export const API = 'https://api-na1.niceincontact.com';

/** An instance with baseURL API and a mock adapter, authenticated through a mocked token endpoint. */
export function mockedApi(options: Partial<CxoneAuthOptions> = {}) {
  const token = mockTokenEndpoint();
  const api: AxiosInstance = axios.create({ baseURL: API });
  const mock = mockAdapterFor(api);
  const auth = attachCxoneAuth(api, { ...token.options, ...options });
  /** The Authorization header of each API request, in order. */
  const authorizations = () => mock.history['get']!.concat(mock.history['post'] ?? []).map((request) => request.headers?.['Authorization']);
  return { api, mock, auth, token, authorizations };
}
