import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CxoneAuthError, isCxoneAuthError } from '../../src/index.js';
import { startFakeCxone } from '../../src/testing/index.js';
import { CLIENT_SECRET } from '../support/credentials.js';
import { record } from '../support/errors.js';
import { accessToken, callApi, clientCredentialsForm, postForm, tokenResponse, useFake, withFake } from './helpers.js';

/** Resolves once a plain TCP server could listen on `port` of 127.0.0.1 (and has let it go again). */
async function canListenOn(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const portOf = (url: string) => Number(new URL(url).port);

describe('startFakeCxone and close()', () => {
  it('listens on 127.0.0.1 with the token endpoint at /auth/token of the issuer', async () => {
    const fake = await startFakeCxone();
    try {
      expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(fake.tokenUrl).toBe(`${fake.url}/auth/token`);
    } finally {
      await fake.close();
    }
  });

  it('listens on the ports it is given', async () => {
    const [port, apiPort] = [await freePort(), await freePort()];
    const fake = await startFakeCxone({ port, apiPort });
    try {
      expect(portOf(fake.url)).toBe(port);
      expect(portOf(fake.apiUrl)).toBe(apiPort);
    } finally {
      await fake.close();
    }
  });

  it('frees both ports on close()', async () => {
    const fake = await startFakeCxone();
    await accessToken(fake); // an open keep-alive connection must not hold the port
    await fake.close();

    expect(await canListenOn(portOf(fake.url))).toBe(true);
    expect(await canListenOn(portOf(fake.apiUrl))).toBe(true);
  });

  it('resolves a second close(), and two at once', async () => {
    const fake = await startFakeCxone();

    await Promise.all([fake.close(), fake.close()]);

    await expect(fake.close()).resolves.toBeUndefined();
  });

  it('rejects when the API port is taken, and frees the issuer port it had opened', async () => {
    const taken = await startFakeCxone();
    const port = await freePort();
    try {
      await expect(startFakeCxone({ port, apiPort: portOf(taken.apiUrl) })).rejects.toMatchObject({ code: 'EADDRINUSE' });

      expect(await canListenOn(port)).toBe(true);
    } finally {
      await taken.close();
    }
  });
});

describe('option validation', () => {
  const fake = useFake();
  // The fake's option errors are the library's own (one helper for core, redis, testing and cli).
  const invalidOptions = (message: string) => new CxoneAuthError('invalid_options', message);
  const anInvalidOptionsError = expect.objectContaining({ name: 'CxoneAuthError', code: 'invalid_options' });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('rejects expiresIn %s with an invalid_options error naming "expiresIn"', async (expiresIn) => {
    await expect(startFakeCxone({ expiresIn })).rejects.toThrow(invalidOptions('"expiresIn" must be a finite number of seconds'));
  });

  it.each([
    ['clientAuthentication', { clientAuthentication: 'Basic' }, `"clientAuthentication" must be one of 'basic', 'body', 'either', got 'Basic'`],
    ['tokenFormat', { tokenFormat: 'JWT' }, `"tokenFormat" must be one of 'opaque', 'jwt', got 'JWT'`],
    ['grantTypes', { grantTypes: ['client_credentials', 'refresh_token'] }, `"grantTypes" must be an array of 'client_credentials' and 'password', got ['client_credentials', 'refresh_token']`],
    ['grantTypes', { grantTypes: 'password' }, `"grantTypes" must be an array of 'client_credentials' and 'password', got 'password'`],
    ['clientSecret', { clientSecret: '' }, '"clientSecret" must be a non-empty string'],
    ['tenantId', { tenantId: 42 }, '"tenantId" must be a non-empty string'],
    ['scope', { scope: ['a'] }, '"scope" must be a string, got [\'a\']'],
    ['clockSkewSeconds', { clockSkewSeconds: Number.NaN }, '"clockSkewSeconds" must be a finite number of seconds, got NaN'],
    ['recordRequests', { recordRequests: 'no' }, `"recordRequests" must be a boolean, got 'no'`],
  ])('rejects a wrong %s with an invalid_options error naming it, instead of quietly behaving otherwise', async (_, options, message) => {
    await expect(startFakeCxone(options as never)).rejects.toThrow(invalidOptions(message));
  });

  it('does not echo a wrongly typed secret in its error', async () => {
    const error = record(await startFakeCxone({ clientSecret: [CLIENT_SECRET] as never }).catch((caught: unknown) => caught));

    expect(isCxoneAuthError(error) && error.code).toBe('invalid_options');
    expect(String(error)).not.toContain(CLIENT_SECRET);
  });

  it('accepts an empty grantTypes, which refuses every grant with unauthorized_client', async () => {
    await withFake({ grantTypes: [] }, async (strict) => {
      const answer = await postForm(strict, clientCredentialsForm(strict));

      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: 'unauthorized_client' });
    });
  });

  it('throws an invalid_options error naming "expiresIn" from setExpiresIn(NaN), and keeps the old value', async () => {
    expect(() => fake().setExpiresIn(Number.NaN)).toThrow(invalidOptions('"expiresIn" must be a finite number of seconds'));

    expect((await tokenResponse(fake()))['expires_in']).toBe(3600);
  });

  it.each([0, -1, 1.5])('throws an invalid_options error naming "times" from failNext(…, %s)', (times) => {
    expect(() => fake().failNext('api', { status: 500 }, times)).toThrow(invalidOptions('"times" must be a positive integer'));
  });

  it.each([
    ['an unknown keyword', 'drop', /"fault" must be 'reset', 'hang' or/],
    ['a status node:http cannot send', { status: 99 }, /"fault.status" must be an HTTP status from 100 to 599, got 99/],
    ['no status', { body: 'x' }, /"fault.status"/],
    ['a header value node:http cannot send', { status: 500, headers: { 'x-a': 'line\nbreak' } }, /"fault.headers.x-a" cannot be sent/],
    ['a header name node:http cannot send', { status: 500, headers: { 'bad name': 'x' } }, /"fault.headers.bad name" cannot be sent/],
  ])('throws an invalid_options error from failNext given %s, instead of crashing the server when the request comes', (_, fault, message) => {
    expect(() => fake().failNext('api', fault as never)).toThrow(message);
    expect(() => fake().failNext('api', fault as never)).toThrow(anInvalidOptionsError);
  });

  it('still answers after a refused fault: nothing was queued', async () => {
    expect(() => fake().failNext('api', { status: 99 })).toThrow(anInvalidOptionsError);

    expect((await callApi(fake(), '/echo')).status).toBe(401);
  });

  it.each([
    ['failNext', () => fake().failNext('discovery' as never, 'reset')],
    ['rateLimit', () => fake().rateLimit('discovery' as never, { times: 1 })],
    ['setLatency', () => fake().setLatency('discovery' as never, 1)],
  ])("throws an invalid_options error naming \"target\" from %s given a target other than 'token' or 'api'", (_, call) => {
    expect(call).toThrow(invalidOptions(`"target" must be 'token' or 'api', got 'discovery'`));
  });

  it.each([0, -1, 1.5])('throws an invalid_options error naming "times" from rateLimit({ times: %s })', (times) => {
    expect(() => fake().rateLimit('api', { times })).toThrow(invalidOptions('"times" must be a positive integer'));
  });

  it.each([-1, Number.NaN])('throws an invalid_options error naming "forMs" from rateLimit({ forMs: %s })', (forMs) => {
    expect(() => fake().rateLimit('api', { forMs })).toThrow(/^"forMs" must be a non-negative number of milliseconds/);
  });

  it.each([
    ['a negative number', -1],
    ['an infinite number', Number.POSITIVE_INFINITY],
    ['an invalid Date', new Date(Number.NaN)],
    ['a string with a line break', '1\r\nX-Injected: yes'],
  ])('throws an invalid_options error naming "retryAfter" from rateLimit given %s', (_, retryAfter) => {
    expect(() => fake().rateLimit('api', { times: 1, retryAfter })).toThrow(/^"retryAfter"/);
  });

  it('throws an invalid_options error from rateLimit with neither forMs nor times', () => {
    expect(() => fake().rateLimit('api', {})).toThrow(anInvalidOptionsError);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('throws an invalid_options error from setLatency(…, %s)', (ms) => {
    expect(() => fake().setLatency('api', ms)).toThrow(anInvalidOptionsError);
  });
});
