import type { ContenderFactory } from '../types.js';
import { authRefreshRetry } from './auth-refresh-retry.js';
import { badgatewayFetch } from './badgateway-fetch.js';
import { bareAxios } from './bare-axios.js';
import { bareFetch } from './bare-fetch.js';
import { cxoneAuth } from './cxone-auth.js';
import { oauthClientInterceptor } from './oauth-client-interceptor.js';
import { threadPattern } from './thread-pattern.js';

/** In table order: the floor first, this library last, the fetch reference beside the fetch contender. */
export const CONTENDERS: readonly ContenderFactory[] = [
  bareAxios,
  threadPattern,
  authRefreshRetry,
  oauthClientInterceptor,
  bareFetch,
  badgatewayFetch,
  cxoneAuth,
];

/** The contender every ratio is taken against. */
export const FLOOR_ID = bareAxios.id;
