// Logging and metrics from the library's hooks. The events never hold a secret or a token.
// Reads CXONE_CLIENT_ID and CXONE_CLIENT_SECRET (and CXONE_TOKEN_URL) from the environment.
import axios from 'axios';
import { attachCxoneAuth } from 'axios-cxone-auth';

const metrics = { tokenFetches: 0, retries: 0, waitedMs: 0 };

const api = axios.create();
const auth = attachCxoneAuth(api, {
  baseURL: 'discover',
  onTokenRefreshed: ({ reason, expiresIn, durationMs }) => {
    metrics.tokenFetches++;
    console.log(JSON.stringify({ event: 'cxone.token', reason, expiresIn, durationMs }));
  },
  onRetry: ({ reason, status, attempt, delayMs, method, url }) => {
    metrics.retries++;
    metrics.waitedMs += delayMs;
    console.log(JSON.stringify({ event: 'cxone.retry', reason, status, attempt, delayMs, method, url }));
  },
});

await Promise.all([1, 2, 3].map(() => api.get('/inContactAPI/services/v31.0/agents')));
console.log(JSON.stringify({ event: 'cxone.metrics', ...metrics }));

auth.detach();
