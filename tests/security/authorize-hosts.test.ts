import axios, { type CreateAxiosDefaults } from 'axios';
import { describe, expect, it } from 'vitest';
import { attachCxoneAuth, type AuthorizeHosts } from '../../src/index.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { ADAPTERS, type Adapter } from '../support/adapters.js';
import { CLIENT_ID, CLIENT_SECRET } from '../support/credentials.js';
import { tokenRequestsOf, useFakeCxone } from '../support/use-fake-cxone.js';
import { jsonAnswer, usePlainServers } from '../support/security.js';

// Issue 11, hole 6: an authorizeHosts hostname or wildcard means https on the default port; an
// origin entry authorizes exactly that origin. (The policy's unit tests are in tests/security/hosts.test.ts;
// these follow the token over real sockets.)

let fake!: FakeCxone;
useFakeCxone((started) => (fake = started));
const startServer = usePlainServers();

/** An instance with the library attached, authorizing `authorizeHosts`, tokens from the fake. */
function attached(defaults: CreateAxiosDefaults, authorizeHosts: AuthorizeHosts, adapter: Adapter) {
  const api = axios.create({ ...defaults, adapter });
  attachCxoneAuth(api, {
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    tokenUrl: fake.tokenUrl,
    authorizeHosts,
    tokenHttp: axios.create({ adapter }),
  });
  return api;
}

describe.each(ADAPTERS)('authorizeHosts (%s adapter)', (adapter) => {
  it("['127.0.0.1'] does not authorize http://127.0.0.1:<port>: no token is fetched or sent", async () => {
    const server = await startServer(() => jsonAnswer(200, {}));
    const api = attached({ baseURL: server.origin }, ['127.0.0.1'], adapter);

    await api.get('/x');

    expect(server.seen[0]?.headers.authorization).toBeUndefined();
    expect(tokenRequestsOf(fake)).toHaveLength(0);
  });

  it("an origin entry ('http://127.0.0.1:<port>') authorizes that origin", async () => {
    const server = await startServer(() => jsonAnswer(200, {}));
    const api = attached({ baseURL: server.origin }, [server.origin], adapter);

    await api.get('/x');

    expect(server.seen[0]?.headers.authorization).toBe(`Bearer ${fake.tokens[0]}`);
  });

  it('an origin entry does not authorize another port of the same host', async () => {
    const listed = await startServer(() => jsonAnswer(200, {}));
    const other = await startServer(() => jsonAnswer(200, {}));
    const api = attached({}, [listed.origin], adapter);

    await api.get(`${other.origin}/x`);

    expect(other.seen[0]?.headers.authorization).toBeUndefined();
  });
});

// The fetch adapter is left out: api.localhost resolves nowhere here, and Node's fetch takes no
// lookup option.
describe('authorizeHosts wildcard (http adapter)', () => {
  it("['*.localhost'] does not authorize plain http on another port: http://api.localhost:<port> gets no token", async () => {
    const server = await startServer(() => jsonAnswer(200, {}));
    const lookup = async () => ({ address: '127.0.0.1', family: 4 as const });
    const api = attached({ baseURL: `http://api.localhost:${server.port}`, lookup }, ['*.localhost'], 'http');

    await api.get('/x');

    expect(server.seen[0]?.host).toBe(`api.localhost:${server.port}`);
    expect(server.seen[0]?.headers.authorization).toBeUndefined();
  });
});
