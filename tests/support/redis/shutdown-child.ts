// A script that uses the Redis store and shuts down as docs/many-processes.md says: detach(), then
// close the client. tests/redis/shutdown.test.ts runs it while a refresh ahead of expiry hangs.
import axios from 'axios';
import { attachCxoneAuth } from '../../../src/index.js';
import { redisTokenStore } from '../../../src/redis/index.js';
import { connectClient, type ClientKind } from './clients.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const redis = await connectClient(env('KIND') as ClientKind, env('REDIS_URL'));
const api = axios.create({ baseURL: env('API_URL') });
const auth = attachCxoneAuth(api, {
  clientId: env('CLIENT_ID'),
  clientSecret: env('CLIENT_SECRET'),
  tokenUrl: env('TOKEN_URL'),
  tokenStore: redisTokenStore({ client: redis.client, keyPrefix: env('KEY_PREFIX') }),
});
// Served with the token the test stored, past its refresh point: a refresh ahead starts, and hangs.
const { status } = await api.get('/echo/last');
// The test says when the refresh has reached the token endpoint.
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.pause();
await auth.detach();
await redis.close();
process.stdout.write(`${JSON.stringify({ status })}\n`);
