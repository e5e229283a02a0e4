// Several axios instances (one per API family, say), one token: give them the same token store.
// Reads CXONE_CLIENT_ID and CXONE_CLIENT_SECRET (and CXONE_TOKEN_URL) from the environment.
import axios from 'axios';
import { attachCxoneAuth, memoryTokenStore } from 'axios-cxone-auth';

const tokenStore = memoryTokenStore();
let tokenFetches = 0;
const onTokenRefreshed = () => {
  tokenFetches++;
};

const adminApi = axios.create({ timeout: 10_000 });
const reportingApi = axios.create({ timeout: 60_000 });
const admin = attachCxoneAuth(adminApi, { baseURL: 'discover', tokenStore, onTokenRefreshed });
const reporting = attachCxoneAuth(reportingApi, { baseURL: 'discover', tokenStore, onTokenRefreshed });

await adminApi.get('/inContactAPI/services/v31.0/agents');
await reportingApi.get('/inContactAPI/services/v31.0/agents/1001');
console.log(`two instances, ${tokenFetches} token fetch`);

admin.detach();
reporting.detach();
