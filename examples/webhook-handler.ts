// The webhook handler from the forum thread, done right: one axios instance for the whole process,
// created at start-up, so a burst of webhooks shares one cached token instead of fetching one each
// (which is what meets the token endpoint's 429).
// Reads CXONE_CLIENT_ID and CXONE_CLIENT_SECRET (and CXONE_TOKEN_URL) from the environment.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { attachCxoneAuth } from 'axios-cxone-auth';

let tokenFetches = 0;
const cxone = axios.create();
const auth = attachCxoneAuth(cxone, {
  baseURL: 'discover',
  onTokenRefreshed: () => {
    tokenFetches++;
  },
});

const server = createServer((req, res) => {
  // A real handler would read the event from the body; here each webhook looks up one agent.
  cxone
    .get('/inContactAPI/services/v31.0/agents/1001')
    .then(() => res.writeHead(204).end())
    .catch(() => res.writeHead(502).end());
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;

// Fifty webhooks arrive at once, as after a campaign starts.
const answers = await Promise.all(Array.from({ length: 50 }, () => axios.post(webhookUrl, { event: 'contact.started' })));
console.log(`${answers.filter((answer) => answer.status === 204).length} webhooks handled with ${tokenFetches} token fetch`);

server.close();
auth.detach();
