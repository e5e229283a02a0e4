import axios, { type AxiosInstance } from 'axios';
import { attachCxoneAuth, type CxoneAuth, type CxoneAuthOptions } from '../../src/index.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { CLIENT_ID, CLIENT_SECRET } from './credentials.js';

/** The two axios adapters every integration test runs against. */
export const ADAPTERS = ['http', 'fetch'] as const;
export type Adapter = (typeof ADAPTERS)[number];

export interface Client {
  api: AxiosInstance;
  tokenHttp: AxiosInstance;
  auth: CxoneAuth;
}

/**
 * An API instance on the fake's echo route (`{apiUrl}/echo`, which answers with what it received)
 * with the library attached; API and token requests both go through `adapter`. Credentials are
 * passed explicitly; `options` adds to or overrides them.
 */
export function createClient(fake: FakeCxone, adapter: Adapter, options: CxoneAuthOptions = {}): Client {
  const api = axios.create({ baseURL: `${fake.apiUrl}/echo`, adapter });
  const tokenHttp = options.tokenHttp ?? axios.create({ adapter });
  return { api, tokenHttp, auth: attachToFake(api, fake, tokenHttp, options) };
}

/** Attaches the library to `api` with the suite's credentials and `fake`'s token URL; `options` adds to or overrides them. */
export function attachToFake(api: AxiosInstance, fake: FakeCxone, tokenHttp: AxiosInstance, options: CxoneAuthOptions = {}): CxoneAuth {
  return attachCxoneAuth(api, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: fake.tokenUrl, ...options, tokenHttp });
}

/** The bearer value the fake issued as its `index`th token (negative counts from the end). */
export function bearer(fake: FakeCxone, index: number): string {
  const token = fake.tokens.at(index);
  if (token === undefined) throw new Error(`the fake issued no token at index ${index}`);
  return `Bearer ${token}`;
}
