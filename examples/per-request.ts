// Per-request control: send one request untouched, or give it its own retry rules.
// Reads CXONE_CLIENT_ID and CXONE_CLIENT_SECRET (and CXONE_TOKEN_URL) from the environment.
import axios from 'axios';
import { attachCxoneAuth } from 'axios-cxone-auth';

const api = axios.create();
const auth = attachCxoneAuth(api, { baseURL: 'discover' });

// A normal call: token attached, 401 refreshed once, 429 waited out.
const agents = await api.get('/inContactAPI/services/v31.0/agents');
console.log(`with the token: ${agents.status}`);

// `cxoneAuth: false`: no token, no retry, e.g. for a public endpoint or one with its own auth.
const untouched = await api.get('/inContactAPI/services/v31.0/agents', { cxoneAuth: false, validateStatus: () => true });
console.log(`opted out: ${untouched.status} (sent without a token)`);

// Its own retry rules: a call that must fail fast instead of waiting out a 429.
const fast = await api.get('/inContactAPI/services/v31.0/agents/1001', { cxoneAuth: { retry: { maxRetries: 0 } } });
console.log(`no retries for this one: ${fast.status}`);

auth.detach();
