import { json, type FakeAnswer } from './fake-http.js';
import type { FakeState } from './fake-state.js';
import { issueToken } from './fake-token-answer.js';
import type { FakeRequest } from './types.js';

type Request = Omit<FakeRequest, 'target'>;

/** The path CXone serves the access-key endpoint on, on `https://{area}.nice-incontact.com`. */
export const ACCESS_KEY_PATH = '/authentication/v1/token/access-key';

/**
 * `POST /authentication/v1/token/access-key`, as CXONE.md describes it (login 2, from NICE's UserHub
 * and Data Extraction documents): a JSON body `{ accessKeyId, accessKeySecret }`, no client
 * authentication, the usual token answer. Which 4xx it gives a form body or a wrong key is not
 * public: `accessKeyStatuses` chooses, and the bodies follow RFC 6749 s.5.2 as `/auth/token`'s do.
 */
export function answerAccessKeyRequest(state: FakeState, request: Request): FakeAnswer {
  if (request.method !== 'POST') return json(405, { error: 'invalid_request', error_description: 'Use POST' });
  const body = jsonBody(request);
  if (body === undefined) {
    // The mirror image of the forum thread's bug: this endpoint does not read a form.
    return json(state.accessKeyStatuses.formBody, { error: 'invalid_request', error_description: 'The body must be JSON' });
  }
  const { accessKeyId, accessKeySecret } = state.credentials;
  if (body['accessKeyId'] !== accessKeyId || body['accessKeySecret'] !== accessKeySecret) {
    return json(state.accessKeyStatuses.wrongKey, { error: 'invalid_grant', error_description: 'Invalid access key' });
  }
  return json(200, issueToken(state), { 'cache-control': 'no-store' });
}

function jsonBody(request: Request): Record<string, unknown> | undefined {
  const contentType = request.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('application/json')) return undefined;
  try {
    const value: unknown = JSON.parse(request.body);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
