// The access-key login: CXone's documented back-end login that needs no registered application.
// The access key alone is posted as JSON to https://{area}.nice-incontact.com/authentication/v1/token/access-key.
// Reads CXONE_ACCESS_KEY_ID and CXONE_ACCESS_KEY_SECRET, and CXONE_AREA (or CXONE_TOKEN_URL, with
// CXONE_ISSUER for discovery when the environment is not global production).
import axios from 'axios';
import { attachCxoneAuth } from 'axios-cxone-auth';

const api = axios.create();
// No client id or secret is set, so the access key selects grantType 'access_key'.
const auth = attachCxoneAuth(api, { baseURL: 'discover' });

const { data } = await api.get<{ agents: unknown[] }>('/inContactAPI/services/v31.0/agents');
console.log(`signed in with an access key alone: ${data.agents.length} agents`);

auth.detach();
