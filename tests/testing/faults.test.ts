import { describe, expect, it } from 'vitest';
import { startFakeCxone } from '../../src/testing/index.js';
import { accessToken, callApi, clientCredentialsForm, postForm, sleep, tokenResponse, useFake } from './helpers.js';

/** Whether `promise` is still pending after `ms` milliseconds. */
async function pendingAfter(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const pending = Symbol('pending');
  return (await Promise.race([promise.then(() => 'settled', () => 'settled'), sleep(ms).then(() => pending)])) === pending;
}

describe('failNext', () => {
  const fake = useFake();

  it('answers the next API request with the fault status and a JSON body given as an object', async () => {
    const token = await accessToken(fake());
    fake().failNext('api', { status: 503, body: { error: 'unavailable' } });

    const answer = await callApi(fake(), '/echo', token);

    expect(answer.status).toBe(503);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.body).toEqual({ error: 'unavailable' });
  });

  it('sends a string body as it is, with no JSON content type', async () => {
    fake().failNext('api', { status: 500, body: '<pre>oops</pre>' });

    const answer = await callApi(fake(), '/echo');

    expect(answer.status).toBe(500);
    expect(answer.headers.get('content-type')).toBeNull();
    expect(answer.body).toBe('<pre>oops</pre>');
  });

  it('sends the fault headers, which override the JSON content type', async () => {
    fake().failNext('api', { status: 401, body: { error: 'invalid_token' }, headers: { icStatusDescription: 'Nope', 'content-type': 'application/problem+json' } });

    const answer = await callApi(fake(), '/echo');

    expect(answer.headers.get('icStatusDescription')).toBe('Nope');
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers the fault even to a valid token: it comes before the token check', async () => {
    const token = await accessToken(fake());
    fake().failNext('api', { status: 401, body: { error: 'invalid_token' } });

    expect((await callApi(fake(), '/echo', token)).status).toBe(401);
    expect((await callApi(fake(), '/echo', token)).status).toBe(200);
  });

  it('fails exactly `times` requests and then answers normally', async () => {
    const token = await accessToken(fake());
    fake().failNext('api', { status: 502 }, 3);

    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await callApi(fake(), '/echo', token)).status);

    expect(statuses).toEqual([502, 502, 502, 200]);
  });

  it('queues faults in the order they were set', async () => {
    const token = await accessToken(fake());
    fake().failNext('api', { status: 429 });
    fake().failNext('api', { status: 503 }, 2);
    fake().failNext('api', { status: 401 });

    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await callApi(fake(), '/echo', token)).status);

    expect(statuses).toEqual([429, 503, 503, 401, 200]);
  });

  it('answers the next token request with the fault and issues no token', async () => {
    fake().failNext('token', { status: 500, body: { error: 'server_error' } });

    const answer = await postForm(fake(), clientCredentialsForm(fake()));

    expect(answer.status).toBe(500);
    expect(fake().tokens).toHaveLength(0);
    expect(fake().stats.tokensIssued).toBe(0);
  });

  it('keeps a fault of one target away from the other', async () => {
    fake().failNext('token', { status: 500 });
    fake().failNext('api', { status: 503 });

    expect((await callApi(fake(), '/echo')).status).toBe(503);
    expect((await postForm(fake(), clientCredentialsForm(fake()))).status).toBe(500);
    expect((await postForm(fake(), clientCredentialsForm(fake()))).status).toBe(200);
  });

  it("resets the connection on 'reset', and the next request is answered", async () => {
    fake().failNext('token', 'reset');

    await expect(postForm(fake(), clientCredentialsForm(fake()))).rejects.toThrow();
    expect(fake().stats.resets).toBe(1);
    expect((await postForm(fake(), clientCredentialsForm(fake()))).status).toBe(200);
  });

  it("leaves a request unanswered on 'hang' until close() ends it", async () => {
    const hung = await startFakeCxone();
    try {
      hung.failNext('api', 'hang');
      const request = callApi(hung, '/echo');
      request.catch(() => undefined);

      expect(await pendingAfter(request, 100)).toBe(true);
      await hung.close();

      await expect(request).rejects.toThrow();
    } finally {
      await hung.close();
    }
  });

  it("hangs only `times` requests: the next one is answered while the hung one still waits", async () => {
    fake().failNext('token', 'hang');
    const hung = postForm(fake(), clientCredentialsForm(fake()));
    hung.catch(() => undefined);

    const next = await postForm(fake(), clientCredentialsForm(fake()));

    expect(next.status).toBe(200);
    expect(await pendingAfter(hung, 20)).toBe(true);
  });
});

describe('rateLimit', () => {
  const fake = useFake();

  it('answers every request in the forMs window with 429 and the next one after it normally', async () => {
    const token = await accessToken(fake());
    fake().rateLimit('api', { forMs: 150 });

    const during = [await callApi(fake(), '/echo', token), await callApi(fake(), '/echo', token)];
    await sleep(200);
    const after = await callApi(fake(), '/echo', token);

    expect(during.map((answer) => answer.status)).toEqual([429, 429]);
    expect(during[0]!.body).toEqual({ error: 'too_many_requests' });
    expect(after.status).toBe(200);
  });

  it('with forMs and times, counts the 429s of the window against times: two in the window exhaust times 2', async () => {
    const token = await accessToken(fake());
    fake().rateLimit('api', { forMs: 150, times: 2 });

    const during = [(await callApi(fake(), '/echo', token)).status, (await callApi(fake(), '/echo', token)).status];
    await sleep(200);
    const after = (await callApi(fake(), '/echo', token)).status;

    expect(during).toEqual([429, 429]);
    expect(after).toBe(200);
  });

  it('with forMs and times, keeps refusing after the window until times requests were refused', async () => {
    const token = await accessToken(fake());
    fake().rateLimit('api', { forMs: 50, times: 3 });

    const statuses = [(await callApi(fake(), '/echo', token)).status];
    await sleep(100);
    for (let i = 0; i < 3; i++) statuses.push((await callApi(fake(), '/echo', token)).status);

    expect(statuses).toEqual([429, 429, 429, 200]);
  });

  it('sends by default the seconds left in the window, rounded up, as Retry-After', async () => {
    fake().rateLimit('api', { forMs: 1500 });

    const answer = await callApi(fake(), '/echo');

    expect(answer.headers.get('retry-after')).toBe('2');
  });

  it('answers the next `times` requests with 429 and the one after normally', async () => {
    const token = await accessToken(fake());
    fake().rateLimit('api', { times: 2 });

    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await callApi(fake(), '/echo', token)).status);

    expect(statuses).toEqual([429, 429, 200]);
  });

  it('sends Retry-After: 1 by default with `times` only', async () => {
    fake().rateLimit('api', { times: 1 });

    const answer = await callApi(fake(), '/echo');

    expect(answer.headers.get('retry-after')).toBe('1');
  });

  it('sends a number retryAfter as seconds', async () => {
    fake().rateLimit('api', { times: 1, retryAfter: 7 });

    expect((await callApi(fake(), '/echo')).headers.get('retry-after')).toBe('7');
  });

  it('sends a fractional retryAfter as it is, for tests that must not wait whole seconds', async () => {
    fake().rateLimit('api', { times: 1, retryAfter: 0.3 });

    expect((await callApi(fake(), '/echo')).headers.get('retry-after')).toBe('0.3');
  });

  it('sends a Date retryAfter as an HTTP-date', async () => {
    const at = new Date('2030-01-02T03:04:05Z');
    fake().rateLimit('api', { times: 1, retryAfter: at });

    expect((await callApi(fake(), '/echo')).headers.get('retry-after')).toBe('Wed, 02 Jan 2030 03:04:05 GMT');
  });

  it('sends a string retryAfter raw', async () => {
    fake().rateLimit('api', { times: 1, retryAfter: 'soon-ish' });

    expect((await callApi(fake(), '/echo')).headers.get('retry-after')).toBe('soon-ish');
  });

  it('omits Retry-After when retryAfter is null', async () => {
    fake().rateLimit('api', { forMs: 1000, retryAfter: null });

    const answer = await callApi(fake(), '/echo');

    expect(answer.status).toBe(429);
    expect(answer.headers.has('retry-after')).toBe(false);
  });

  it('rate-limits the token endpoint, which then issues no token', async () => {
    fake().rateLimit('token', { times: 1, retryAfter: 3 });

    const answer = await postForm(fake(), clientCredentialsForm(fake()));

    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('3');
    expect(fake().tokens).toHaveLength(0);
  });

  it('comes after faults queued by failNext', async () => {
    const token = await accessToken(fake());
    fake().rateLimit('api', { times: 1 });
    fake().failNext('api', { status: 503 });

    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await callApi(fake(), '/echo', token)).status);

    expect(statuses).toEqual([503, 429, 200]);
  });

  it('replaces an earlier rate limit of the same target', async () => {
    const token = await accessToken(fake());
    fake().rateLimit('api', { forMs: 60_000 });
    fake().rateLimit('api', { times: 1 });

    const statuses = [(await callApi(fake(), '/echo', token)).status, (await callApi(fake(), '/echo', token)).status];

    expect(statuses).toEqual([429, 200]);
  });
});

describe('setLatency', () => {
  const fake = useFake();

  it('delays every API answer by the latency', async () => {
    fake().setLatency('api', 80);

    const startedAt = Date.now();
    await callApi(fake(), '/echo');
    await callApi(fake(), '/echo');

    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(150);
  });

  it('delays token answers by the token latency', async () => {
    fake().setLatency('token', 80);

    const startedAt = Date.now();
    await tokenResponse(fake());

    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(75);
  });

  it('delays a fault as it delays an answer', async () => {
    fake().setLatency('api', 80);
    fake().failNext('api', { status: 503 });

    const startedAt = Date.now();
    const answer = await callApi(fake(), '/echo');

    expect(answer.status).toBe(503);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(75);
  });

  it('turns the delay off with 0', async () => {
    fake().setLatency('api', 5000);
    fake().setLatency('api', 0);

    const startedAt = Date.now();
    await callApi(fake(), '/echo');

    expect(Date.now() - startedAt).toBeLessThan(1000);
  });
});

describe('clearFaults', () => {
  const fake = useFake();

  it('drops queued faults, rate limits and latency of both targets', async () => {
    const token = await accessToken(fake());
    fake().failNext('api', { status: 503 }, 5);
    fake().failNext('token', 'hang', 5);
    fake().rateLimit('api', { forMs: 60_000 });
    fake().rateLimit('token', { forMs: 60_000 });
    fake().setLatency('api', 5000);
    fake().setLatency('token', 5000);

    fake().clearFaults();
    const startedAt = Date.now();

    expect((await callApi(fake(), '/echo', token)).status).toBe(200);
    expect((await postForm(fake(), clientCredentialsForm(fake()))).status).toBe(200);
    expect(Date.now() - startedAt).toBeLessThan(1000);
  });
});
