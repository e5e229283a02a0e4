export { attachCxoneAuth } from './attach.js';
export { fetchCxoneToken } from './token/token-client.js';
export { discoverCxoneApi } from './discovery/discover.js';
export { readJwtClaims } from './discovery/jwt-claims.js';
export { parseRetryAfter } from './retry/retry-after.js';
export { CxoneAuthError, CXONE_AUTH_ERROR_CODES, isCxoneAuthError } from './errors/errors.js';
export { memoryTokenStore } from './token/token-store.js';
export { CXONE_ISSUERS, CXONE_API_HOSTS, DEFAULT_OPTIONS, ENVIRONMENT_VARIABLES } from './options/options.js';
export { DEFAULT_RETRY_OPTIONS } from './retry/retry-options.js';
export { CXONE_DIAGNOSTICS_CHANNELS } from './observe/diagnostics.js';

export type { CxoneAuthErrorCode, CxoneAuthErrorDetails } from './errors/errors.js';
export type { CooldownChannelMessage, RetryChannelMessage, TokenChannelMessage } from './observe/diagnostics.js';
export type {
  AuthorizeHosts,
  CxoneApiLocation,
  CxoneAuth,
  CxoneAuthOptions,
  CxoneAuthStats,
  CxoneClientAuth,
  CxoneGrantType,
  CxoneRequestOptions,
  CxoneToken,
  CxoneTokenOptions,
  DiscoverCxoneApiOptions,
  FetchCxoneTokenOptions,
  RetryEvent,
  RetryOptions,
  StoredToken,
  TokenRefreshedEvent,
  TokenRefreshReason,
  TokenStore,
  TokenStoreEvent,
  TokenStoreWatch,
  TokenStoreLock,
} from './types.js';
