// Basic usage: one line makes an axios instance talk to CXone correctly.
// Reads CXONE_CLIENT_ID and CXONE_CLIENT_SECRET (and CXONE_TOKEN_URL or CXONE_ISSUER) from the
// environment; the API host is discovered from the token, or set your own baseURL.
import axios from 'axios';
import { attachCxoneAuth } from 'axios-cxone-auth';

const api = axios.create();
const auth = attachCxoneAuth(api, { baseURL: 'discover' });

const { data } = await api.get<{ agents: Array<{ userName: string }> }>('/inContactAPI/services/v31.0/agents');
console.log(`${data.agents.length} agents, from ${api.defaults.baseURL}`);

auth.detach();
