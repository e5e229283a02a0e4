import type { AxiosRequestConfig } from 'axios';
import { describe, expect, it, vi } from 'vitest';
import { API, mockedApi } from '../support/api-mock.js';

type BeforeRedirect = NonNullable<AxiosRequestConfig['beforeRedirect']>;

/** The `beforeRedirect` each GET to /agents reached the adapter with. */
function guardsOf(mock: ReturnType<typeof mockedApi>['mock']): BeforeRedirect[] {
  return (mock.history['get'] ?? []).map((request) => request.beforeRedirect as BeforeRedirect);
}

/** What follow-redirects hands `beforeRedirect`: the next request's options, its headers included. */
function redirectTo(href: string) {
  return { href, headers: { Authorization: 'Bearer token-1', Accept: 'application/json' } as Record<string, string> };
}

describe('the redirect guard a request with a token carries', () => {
  it('is one function for every request of an attachment that has no beforeRedirect of its own', async () => {
    const { api, mock } = mockedApi();
    mock.onGet('/agents').reply(200, []);
    await api.get('/agents');
    await api.get('/agents');
    const [first, second] = guardsOf(mock);
    expect(first).toBeTypeOf('function');
    expect(second).toBe(first);
  });

  it('drops the token on a redirect to a host the policy does not authorize', async () => {
    const { api, mock } = mockedApi();
    mock.onGet('/agents').reply(200, []);
    await api.get('/agents');
    const options = redirectTo('https://elsewhere.example/agents');
    guardsOf(mock)[0]!(options, {} as never, {} as never);
    expect(options.headers).toEqual({ Accept: 'application/json' });
  });

  it('keeps the token on a redirect within the authorized origin', async () => {
    const { api, mock } = mockedApi();
    mock.onGet('/agents').reply(200, []);
    await api.get('/agents');
    const options = redirectTo(`${API}/v2/agents`);
    guardsOf(mock)[0]!(options, {} as never, {} as never);
    expect(options.headers['Authorization']).toBe('Bearer token-1');
  });

  it("runs the caller's own beforeRedirect after it, with the token already dropped", async () => {
    const { api, mock } = mockedApi();
    mock.onGet('/agents').reply(200, []);
    const seen: unknown[] = [];
    const callers = vi.fn((options: Record<string, unknown>) => {
      seen.push({ ...(options['headers'] as object) });
    });
    await api.get('/agents', { beforeRedirect: callers });
    const options = redirectTo('https://elsewhere.example/agents');
    guardsOf(mock)[0]!(options, {} as never, {} as never);
    expect(callers).toHaveBeenCalledOnce();
    expect(seen).toEqual([{ Accept: 'application/json' }]);
  });

  it('is not wrapped a second time around a resent request', async () => {
    const { api, mock } = mockedApi();
    mock.onGet('/agents').replyOnce(401).onGet('/agents').reply(200, []);
    const callers = vi.fn();
    await api.get('/agents', { beforeRedirect: callers });
    const [first, resent] = guardsOf(mock);
    expect(resent).toBe(first);
    resent!(redirectTo('https://elsewhere.example/agents'), {} as never, {} as never);
    expect(callers).toHaveBeenCalledOnce();
  });
});
