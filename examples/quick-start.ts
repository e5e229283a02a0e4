// Quick start: one line makes an axios instance talk to CXone correctly.
// Reads CXONE_CLIENT_ID and CXONE_CLIENT_SECRET (and CXONE_TOKEN_URL or CXONE_ISSUER) from the environment.
import axios from 'axios';
import { attachCxoneAuth } from 'axios-cxone-auth';

const api = axios.create({ baseURL: process.env['CXONE_API_URL'] ?? 'https://api-na1.niceincontact.com' });
const auth = attachCxoneAuth(api);

const { data } = await api.get('/inContactAPI/services/v31.0/agents');
console.log('agents:', data);

auth.detach();
