export { attachCxoneAuth } from './attach.js';
export { fetchCxoneToken } from './token-client.js';
export { discoverCxoneApi } from './discover.js';
export { readJwtClaims } from './jwt-claims.js';
export { parseRetryAfter } from './retry-after.js';
export { CxoneAuthError, CXONE_AUTH_ERROR_CODES } from './errors.js';
export { memoryTokenStore } from './token-store.js';
export { CXONE_ISSUERS, CXONE_API_HOSTS, DEFAULT_OPTIONS, ENVIRONMENT_VARIABLES } from './options.js';
export { DEFAULT_RETRY_OPTIONS } from './retry-options.js';
export { CXONE_DIAGNOSTICS_CHANNELS } from './diagnostics.js';

export type { CxoneAuthErrorCode, CxoneAuthErrorDetails } from './errors.js';
export type { CooldownChannelMessage, RetryChannelMessage, TokenChannelMessage } from './diagnostics.js';
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
