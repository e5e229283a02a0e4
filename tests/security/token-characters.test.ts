import { afterEach, describe, expect, it, vi } from 'vitest';
import { CXONE_AUTH_ERROR_CODES, type TokenStore } from '../../src/index.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { ADAPTERS, createClient } from '../support/adapters.js';
import { makeToken } from '../support/credentials.js';
import { rejectionOf } from '../support/errors.js';
import { apiRequestsOf, useFakeCxone } from '../support/use-fake-cxone.js';
import { storedToken } from '../support/security.js';

// Issue 11, hole 9: an access_token outside RFC 6750's b64token (CR, LF, NUL, a space) is never
// sent: refused as invalid_token_response when the endpoint answers it, ignored when a store holds it.

const BAD_STORED_TOKEN_WARNING = 'AXIOS_CXONE_AUTH_BAD_STORED_TOKEN';

/** A registered token (so the secret scan looks for it) with `character` inside. */
const tokenWith = (character: string) => `${makeToken('bad')}${character}tail`;

const CHARACTERS: [string, string][] = [
  ['CR', '\r'],
  ['LF', '\n'],
  ['NUL', '\0'],
  ['a space', ' '],
];

describe.each(ADAPTERS)('an access_token that is no b64token (%s adapter)', (adapter) => {
  let fake!: FakeCxone;
  useFakeCxone((started) => (fake = started));
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each(CHARACTERS)('with %s, from the token endpoint, is refused as invalid_token_response and never sent', async (_, character) => {
    const token = tokenWith(character);
    fake.failNext('token', { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: 3600 } });
    const { api } = createClient(fake, adapter);

    const error = await rejectionOf(api.get('/x'));

    expect(error.code).toBe(CXONE_AUTH_ERROR_CODES.INVALID_TOKEN_RESPONSE);
    expect(error.message).not.toContain(token);
    expect(apiRequestsOf(fake)).toHaveLength(0);
  });

  it('read from a store, is ignored for a new token, with one process warning however often it is read', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    // A store that keeps handing back what someone planted, whatever is stored over it.
    const planted = storedToken(tokenWith('\r\n'));
    const tokenStore: TokenStore = { get: async () => planted, set: async () => undefined, delete: async () => undefined };
    const { api, auth } = createClient(fake, adapter, { tokenStore });

    await api.get('/x');
    // The local copy serves until it is due (issue 14): forget it, so the store is read again.
    await auth.invalidate();
    await api.get('/x');

    expect(apiRequestsOf(fake).map((request) => request.headers.authorization)).toEqual([
      `Bearer ${fake.tokens[0]}`,
      `Bearer ${fake.tokens[1]}`,
    ]);
    const codes = warn.mock.calls.map(([, options]) => (options as { code?: string } | undefined)?.code);
    expect(codes.filter((code) => code === BAD_STORED_TOKEN_WARNING)).toHaveLength(1);
  });
});
