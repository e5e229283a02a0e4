import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startFakeCxone } from '../../src/testing/index.js';
import { accessToken, tokenResponse, useFake } from './helpers.js';

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

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('rejects expiresIn %s with a TypeError naming "expiresIn"', async (expiresIn) => {
    await expect(startFakeCxone({ expiresIn })).rejects.toThrow(new TypeError('"expiresIn" must be a finite number of seconds'));
  });

  it('throws a TypeError naming "expiresIn" from setExpiresIn(NaN), and keeps the old value', async () => {
    expect(() => fake().setExpiresIn(Number.NaN)).toThrow(new TypeError('"expiresIn" must be a finite number of seconds'));

    expect((await tokenResponse(fake()))['expires_in']).toBe(3600);
  });

  it.each([0, -1, 1.5])('throws a TypeError naming "times" from failNext(…, %s)', (times) => {
    expect(() => fake().failNext('api', { status: 500 }, times)).toThrow(new TypeError('"times" must be a positive integer'));
  });

  it('throws a TypeError from rateLimit with neither forMs nor times', () => {
    expect(() => fake().rateLimit('api', {})).toThrow(TypeError);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('throws a TypeError from setLatency(…, %s)', (ms) => {
    expect(() => fake().setLatency('api', ms)).toThrow(TypeError);
  });
});
