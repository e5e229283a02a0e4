import { AxiosError, AxiosHeaders, type InternalAxiosRequestConfig } from 'axios';
import { describe, expect, it } from 'vitest';
import { sanitizeTokenRequestError } from '../../src/security/redact.js';

describe('sanitizeTokenRequestError', () => {
  const failed = (contentType: string) =>
    new AxiosError('socket hang up', 'ECONNRESET', {
      method: 'post',
      url: 'https://na1.nice-incontact.com/authentication/v1/token/access-key?x=1',
      headers: new AxiosHeaders({ 'Content-Type': contentType, Authorization: 'Basic c2VjcmV0' }),
    } as InternalAxiosRequestConfig);

  it('says the body was JSON for the access-key login, and keeps no Authorization header', () => {
    const safe = sanitizeTokenRequestError(failed('application/json'), (text) => text);

    expect(safe.config?.headers.getContentType()).toBe('application/json');
    expect(safe.config?.headers.get('Authorization')).toBeUndefined();
    expect(safe.config?.url).toBe('https://na1.nice-incontact.com/authentication/v1/token/access-key');
  });

  it('says the body was a form for the OAuth token endpoint', () => {
    const safe = sanitizeTokenRequestError(failed('application/x-www-form-urlencoded'), (text) => text);

    expect(safe.config?.headers.getContentType()).toBe('application/x-www-form-urlencoded');
  });
});
