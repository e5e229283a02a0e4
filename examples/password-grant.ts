// An access key with a registered application, CXone's documented OAuth flow for back-end
// integrations: the password grant with the access key as username and password, the
// application's client id and secret in HTTP Basic.
// Reads CXONE_CLIENT_ID, CXONE_CLIENT_SECRET, CXONE_ACCESS_KEY_ID and CXONE_ACCESS_KEY_SECRET.
import axios from 'axios';
import { attachCxoneAuth } from 'axios-cxone-auth';

const api = axios.create();
const auth = attachCxoneAuth(api, {
  baseURL: 'discover',
  // These are the defaults once an access key is set; spelled out here to show what is sent.
  grantType: 'password',
  clientAuth: 'basic',
});

const { data } = await api.get<{ agents: unknown[] }>('/inContactAPI/services/v31.0/agents');
console.log(`signed in with an access key and an application: ${data.agents.length} agents`);

auth.detach();
