import axios, { isAxiosError, type AxiosInstance, type AxiosResponse } from 'axios';
import { headerValue } from '../util/headers.js';
import { safeUrl } from '../security/redact.js';
import type { Exchange } from './facts.js';

/**
 * A fresh axios instance, like the library's default `tokenHttp`, whose answers and network errors
 * are noted in the returned `exchange`. The interceptors only look: what is sent is unchanged.
 */
export function observedHttp(): { http: AxiosInstance; exchange: Exchange } {
  const exchange: Exchange = {};
  const http = axios.create();
  http.interceptors.response.use(
    (response: AxiosResponse<unknown>) => {
      Object.assign(exchange, describeResponse(response));
      return response;
    },
    (error: unknown) => {
      if (isAxiosError(error)) {
        if (error.response) Object.assign(exchange, describeResponse(error.response));
        else exchange.networkCode = networkCode(error);
      }
      throw error;
    },
  );
  return { http, exchange };
}

/** The status, content type, HTML-ness and redirect target of an answer. */
export function describeResponse(response: AxiosResponse<unknown>): Exchange {
  const contentType = headerValue(response.headers, 'Content-Type');
  const location = headerValue(response.headers, 'Location');
  const html = /html/i.test(contentType ?? '') || (typeof response.data === 'string' && /^\s*</.test(response.data));
  return {
    status: response.status,
    ...(contentType ? { contentType } : {}),
    ...(html ? { html } : {}),
    ...(location ? { location: safeUrl(location) ?? '' } : {}),
  };
}

/** The most specific code of a request error: axios's own, or the socket's underneath it. */
export function networkCode(error: unknown): string | undefined {
  if (!isAxiosError(error)) return undefined;
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const causeCode = typeof cause?.code === 'string' ? cause.code : undefined;
  // axios names timeouts ECONNABORTED/ETIMEDOUT itself; for the rest the socket's code is the telling one.
  return causeCode ?? error.code;
}
