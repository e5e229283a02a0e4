import axios, { AxiosHeaders, type InternalAxiosRequestConfig } from 'axios';
import { describe, expect, it } from 'vitest';
import { createHostPolicy, requestUrl } from '../../src/security/hosts.js';
import { thrownBy } from '../support/errors.js';

const config = (fields: Partial<InternalAxiosRequestConfig>) =>
  ({ headers: new AxiosHeaders(), ...fields }) as InternalAxiosRequestConfig;
const url = (text: string) => new URL(text);

describe('requestUrl', () => {
  it('resolves a relative url against baseURL as axios does', () => {
    expect(requestUrl(config({ baseURL: 'https://api-na1.niceincontact.com/inContactAPI/', url: '/services/v31.0/agents' }))?.href).toBe(
      'https://api-na1.niceincontact.com/inContactAPI/services/v31.0/agents',
    );
  });

  it('takes an absolute url as it is, whatever baseURL says', () => {
    expect(requestUrl(config({ baseURL: 'https://api-na1.niceincontact.com', url: 'https://elsewhere.example/x' }))?.hostname).toBe(
      'elsewhere.example',
    );
  });

  it('appends even an absolute url to baseURL when allowAbsoluteUrls is false', () => {
    const resolved = requestUrl(
      config({ baseURL: 'https://api-na1.niceincontact.com', url: 'https://elsewhere.example/x', allowAbsoluteUrls: false }),
    );
    expect(resolved?.hostname).toBe('api-na1.niceincontact.com');
  });

  it('reads a protocol-relative url for its host', () => {
    expect(requestUrl(config({ url: '//api-na1.niceincontact.com/x' }))?.hostname).toBe('api-na1.niceincontact.com');
  });

  it('gives up on a relative url without baseURL', () => {
    expect(requestUrl(config({ url: '/agents' }))).toBeUndefined();
  });
});

describe('createHostPolicy', () => {
  it("authorizes by default only the origin of the instance's baseURL", () => {
    const policy = createHostPolicy(undefined, axios.create({ baseURL: 'https://api-na1.niceincontact.com' }));
    expect(policy(url('https://api-na1.niceincontact.com/x'))).toBe(true);
    expect(policy(url('https://api-c31.niceincontact.com/x'))).toBe(false);
    expect(policy(url('https://evil.example/x'))).toBe(false);
  });

  it("does not authorize another port or plain http on the baseURL's host", () => {
    const policy = createHostPolicy(undefined, axios.create({ baseURL: 'https://api-na1.niceincontact.com/inContactAPI' }));
    expect(policy(url('https://api-na1.niceincontact.com:8443/x'))).toBe(false);
    expect(policy(url('http://api-na1.niceincontact.com/x'))).toBe(false);
    expect(policy(url('https://api-na1.niceincontact.com:443/x'))).toBe(true);
  });

  it("authorizes CXone's API domains over https only", () => {
    const policy = createHostPolicy(undefined, axios.create());
    expect(policy(url('http://api-na1.niceincontact.com/x'))).toBe(false);
  });

  it("follows a later change of the instance's baseURL", () => {
    const instance = axios.create({ baseURL: 'https://api-na1.niceincontact.com' });
    const policy = createHostPolicy(undefined, instance);
    instance.defaults.baseURL = 'https://api-c31.niceincontact.com';
    expect(policy(url('https://api-c31.niceincontact.com/x'))).toBe(true);
    expect(policy(url('https://api-na1.niceincontact.com/x'))).toBe(false);
  });

  it("authorizes CXone's API domains by default when the instance has no baseURL", () => {
    const policy = createHostPolicy(undefined, axios.create());
    for (const host of ['api-na1.niceincontact.com', 'na1.nice-incontact.com', 'api.nicecxone-sov1.eu', 'api.nicecxone-sov1.au']) {
      expect(policy(url(`https://${host}/x`)), host).toBe(true);
    }
    expect(policy(url('https://niceincontact.com.evil.example/x'))).toBe(false);
    expect(policy(url('https://evilniceincontact.com/x'))).toBe(false);
  });

  it('matches exact hostnames case-insensitively and wildcards at any depth, never the bare domain', () => {
    const policy = createHostPolicy(['API.Example.com', '*.cxone.test'], axios.create());
    expect(policy(url('https://api.example.com/'))).toBe(true);
    expect(policy(url('https://a.b.cxone.test/'))).toBe(true);
    expect(policy(url('https://cxone.test/'))).toBe(false);
    expect(policy(url('https://other.example.com/'))).toBe(false);
  });

  it('uses a predicate as given', () => {
    const policy = createHostPolicy((target) => target.port === '8443', axios.create());
    expect(policy(url('https://x.test:8443/'))).toBe(true);
    expect(policy(url('https://x.test/'))).toBe(false);
  });

  it('authorizes a listed hostname over https on the default port only (issue 11, hole 6)', () => {
    const policy = createHostPolicy(['api.example.com'], axios.create());
    expect(policy(url('https://api.example.com/x'))).toBe(true);
    expect(policy(url('https://api.example.com:443/x'))).toBe(true);
    expect(policy(url('http://api.example.com/x'))).toBe(false);
    expect(policy(url('http://api.example.com:8080/x'))).toBe(false);
    expect(policy(url('https://api.example.com:8443/x'))).toBe(false);
  });

  it('authorizes a wildcard over https on the default port only', () => {
    const policy = createHostPolicy(['*.example.com'], axios.create());
    expect(policy(url('https://a.example.com/x'))).toBe(true);
    expect(policy(url('http://a.example.com/x'))).toBe(false);
    expect(policy(url('https://a.example.com:8443/x'))).toBe(false);
  });

  it('authorizes a listed origin exactly: its scheme, host and port, nothing else', () => {
    const policy = createHostPolicy(['http://127.0.0.1:8080', 'https://API.example.com:8443/'], axios.create());
    expect(policy(url('http://127.0.0.1:8080/x'))).toBe(true);
    expect(policy(url('http://127.0.0.1:8081/x'))).toBe(false);
    expect(policy(url('https://127.0.0.1:8080/x'))).toBe(false);
    expect(policy(url('https://api.example.com:8443/x'))).toBe(true);
    expect(policy(url('https://api.example.com/x'))).toBe(false);
  });

  it('rejects an origin with a path, a query or user info, naming the option and its index', () => {
    for (const pattern of ['https://api.test/x', 'https://api.test?x=1', 'https://user:pw@api.test', 'ftp://api.test']) {
      const error = thrownBy(() => createHostPolicy(['api.test', pattern], axios.create()));
      expect(error.code, pattern).toBe('invalid_options');
      expect(error.message, pattern).toContain('"authorizeHosts[1]"');
    }
  });

  it('rejects a value that is neither an array nor a function', () => {
    const error = thrownBy(() => createHostPolicy('api.test' as never, axios.create()));
    expect(error.message).toContain('"authorizeHosts" must be an array of hostnames, origins or a function');
  });
});
