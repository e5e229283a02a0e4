import { describe, expect, it } from 'vitest';
import type { FakeCxone } from '../../src/testing/index.js';
import { ADAPTERS, createClient } from '../support/adapters.js';
import { expectNoSecrets, rejectionOf } from '../support/errors.js';
import { registerIssuedTokens, useFakeCxone } from '../support/use-fake-cxone.js';

// Issue 11, hole 5: with responseType 'stream', a rejected request's error.response.data (an
// IncomingMessage on the http adapter) leads back to the raw request header; it must not show the
// bearer token in util.inspect(error, { depth: 10 }) or JSON.stringify, and must stay readable.

/** The whole body of a stream response (IncomingMessage or web ReadableStream), as text. */
async function readAll(stream: AsyncIterable<Uint8Array | string>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

describe.each(ADAPTERS)("a rejected request with responseType: 'stream' (%s adapter)", (adapter) => {
  let fake!: FakeCxone;
  useFakeCxone((started) => (fake = started));

  it('shows no bearer token in any rendering of its error', async () => {
    const { api } = createClient(fake, adapter);
    fake.failNext('api', { status: 400, body: { error: 'bad_request' } });

    const error = await rejectionOf(api.get('/x', { responseType: 'stream' }));
    registerIssuedTokens(fake);

    expect(error.response.status).toBe(400);
    expectNoSecrets(error);
  });

  it("keeps the answer's body readable from error.response.data", async () => {
    const { api } = createClient(fake, adapter);
    fake.failNext('api', { status: 400, body: { error: 'bad_request' } });

    const error = await rejectionOf(api.get('/x', { responseType: 'stream' }));

    expect(JSON.parse(await readAll(error.response.data))).toEqual({ error: 'bad_request' });
  });
});
