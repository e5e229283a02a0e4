export { attachCxoneAuth } from './attach.js';
export { fetchCxoneToken } from './token-client.js';
export { parseRetryAfter } from './retry-after.js';
export { CxoneAuthError, CXONE_AUTH_ERROR_CODES } from './errors.js';
export { memoryTokenStore } from './token-store.js';
export { CXONE_ISSUERS, CXONE_API_HOSTS, DEFAULT_OPTIONS, ENVIRONMENT_VARIABLES } from './options.js';
export { DEFAULT_RETRY_OPTIONS } from './retry-options.js';

export type { CxoneAuthErrorCode, CxoneAuthErrorDetails } from './errors.js';
export type {
  AuthorizeHosts,
  CxoneAuth,
  CxoneAuthOptions,
  CxoneClientAuth,
  CxoneGrantType,
  CxoneRequestOptions,
  CxoneToken,
  CxoneTokenOptions,
  FetchCxoneTokenOptions,
  RetryEvent,
  RetryOptions,
  StoredToken,
  TokenRefreshedEvent,
  TokenRefreshReason,
  TokenStore,
  TokenStoreLock,
} from './types.js';
