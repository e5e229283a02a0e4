// A token HTTP client of your own: token requests through a corporate proxy, with their own timeout.
// Reads CXONE_CLIENT_ID and CXONE_CLIENT_SECRET (and CXONE_TOKEN_URL), and PROXY_URL
// (e.g. http://proxy.internal:3128) when token requests must go through a proxy.
import axios from 'axios';
import { attachCxoneAuth } from 'axios-cxone-auth';

const proxyUrl = process.env['PROXY_URL'] ? new URL(process.env['PROXY_URL']) : undefined;
const tokenHttp = axios.create({
  timeout: 5_000,
  // axios's own proxy option; for an https proxy with CONNECT, pass an agent such as https-proxy-agent instead.
  proxy: proxyUrl ? { protocol: proxyUrl.protocol.slice(0, -1), host: proxyUrl.hostname, port: Number(proxyUrl.port || 80) } : false,
});

const api = axios.create();
const auth = attachCxoneAuth(api, { baseURL: 'discover', tokenHttp });

const { status } = await api.get('/inContactAPI/services/v31.0/agents');
console.log(`token fetched ${proxyUrl ? `through the proxy at ${proxyUrl.host}` : 'directly'}; API answered ${status}`);

auth.detach();
