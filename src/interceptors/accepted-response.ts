import { AxiosError, type AxiosResponse } from 'axios';
import { readRequestState, type RequestState } from './request-state.js';

/** Handles an answer as a rejected one: the response interceptor's error handler. */
type Recover = (error: unknown) => Promise<AxiosResponse>;

/**
 * The response interceptor's success handler. A caller's `validateStatus` that accepts 4xx
 * (`() => true`, `(status) => status < 500`) hands a 401, 429 or 503 to this handler instead of the
 * error handler: without it a revoked token would answer 401 until it expired, and a 429 would come
 * back without a wait (issue 16). So an answer this library would act on goes through `recover` as
 * if axios had rejected it: refreshed and resent once on a 401, waited and resent on a retried
 * status. The caller then gets what its `validateStatus` made of the final answer: the resent
 * request's own outcome, or, when nothing was resent, this response.
 *
 * Any other answer only tells the cooldown that released this request, if one did, that its answer
 * was good, so it lets more go.
 */
export function createAcceptedResponseHandler(recover: Recover) {
  // Not async: the usual answer (a 2xx) is handed on in the same tick, as before.
  return function handleAccepted(response: AxiosResponse): AxiosResponse | Promise<AxiosResponse> {
    const state = readRequestState(response.config);
    if (!state) return response;
    if (!actsOnStatus(state, response.status)) {
      // A good answer: the cooldown that released this request (if one did) may let more go.
      state.settleTicket(false);
      return response;
    }
    const rejected = asRejection(response);
    // `recover` gives the answer back when it resends nothing (a second 401, the retries spent,
    // detach() during the wait): this caller's validateStatus accepted that answer.
    return recover(rejected).catch((error: unknown) => {
      if (error === rejected) return response;
      throw error;
    });
  };
}

/**
 * Whether the response interceptor may act on this status: a 401 to a request that carried our
 * token, or a status in `retry.statuses` (it still checks the method, the budget and the body).
 */
export function actsOnStatus(state: RequestState, status: number): boolean {
  if (status === 401) return state.authorization !== undefined;
  return state.retry !== false && state.retry.statuses.has(status);
}

/** The error axios's `settle` makes of a status its `validateStatus` rejects. */
function asRejection(response: AxiosResponse): AxiosError {
  const code = response.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST;
  return new AxiosError(`Request failed with status code ${response.status}`, code, response.config, response.request, response);
}
