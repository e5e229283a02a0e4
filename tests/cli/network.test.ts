import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closedPort, doctor, envFor, startFake } from '../support/doctor.js';

const finding = (json: any, id: string) => json.findings.find((entry: { id: string }) => entry.id === id);
const servers: Server[] = [];

afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

/** axios reads proxy variables from process.env: set them there and in the env the doctor reports. */
function useProxy(url: string): Record<string, string> {
  vi.stubEnv('HTTP_PROXY', url);
  vi.stubEnv('NO_PROXY', '');
  vi.stubEnv('no_proxy', '');
  vi.stubEnv('http_proxy', '');
  return { HTTP_PROXY: url };
}

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

describe('doctor on a token URL that is wrong or unreachable', () => {
  it('names the token endpoint the issuer publishes when the token URL answers 404', async () => {
    const fake = await startFake();
    const { code, ids, json } = await doctor(['doctor', '--json'], envFor(fake, { CXONE_TOKEN_URL: `${fake.url}/auth/oauth/token` }));

    expect(code).toBe(1);
    expect(ids).toEqual(['wrong_token_url']);
    expect(json.suggestedTokenUrl).toBe(fake.tokenUrl);
    expect(finding(json, 'wrong_token_url').fix).toContain(`Set CXONE_TOKEN_URL=${fake.tokenUrl}`);
  });

  it('recognises an HTML page at the token URL as a wrong region or issuer', async () => {
    const fake = await startFake();
    fake.failNext('token', { status: 200, body: '<!doctype html><title>NICE CXone</title>', headers: { 'content-type': 'text/html' } });
    const { code, ids, json } = await doctor(['doctor', '--json'], envFor(fake));

    expect(code).toBe(1);
    expect(ids).toEqual(['wrong_token_url']);
    expect(finding(json, 'wrong_token_url').cause).toContain('answered 200 with an HTML page');
  });

  it('says the host does not exist when its name does not resolve (ENOTFOUND, a .invalid name)', async () => {
    const fake = await startFake();
    const { code, ids, json } = await doctor(['doctor', '--json'], envFor(fake, { CXONE_TOKEN_URL: 'https://cxone.example.invalid/auth/token' }));

    expect(code).toBe(1);
    expect(ids).toEqual(['host_not_found']);
    expect(finding(json, 'host_not_found').cause).toContain('cxone.example.invalid (from CXONE_TOKEN_URL) does not resolve');
    expect(finding(json, 'host_not_found').fix).toContain('https://cxone.niceincontact.com');
  });

  it('says nothing answers when the connection is refused', async () => {
    const fake = await startFake();
    const port = await closedPort();
    const { code, ids } = await doctor(['doctor', '--json'], envFor(fake, { CXONE_TOKEN_URL: `http://127.0.0.1:${port}/auth/token` }));

    expect(code).toBe(1);
    expect(ids).toEqual(['connection_refused']);
  });

  it('reports a token endpoint that does not answer within --timeout-ms', async () => {
    const fake = await startFake();
    fake.failNext('token', 'hang');
    const { code, ids, json } = await doctor(['doctor', '--json', '--timeout-ms', '200'], envFor(fake));

    expect(code).toBe(1);
    expect(ids).toEqual(['timeout']);
    expect(json.token.durationMs).toBeLessThan(5000);
  });

  it('reports a connection reset as a network error', async () => {
    const fake = await startFake();
    fake.failNext('token', 'reset');
    const { code, ids, json } = await doctor(['doctor', '--json'], envFor(fake));

    expect(code).toBe(1);
    expect(ids).toEqual(['network_error']);
    expect(json.token.networkCode).toBe('ECONNRESET');
  });

  it('blames the proxy when HTTP_PROXY is set and the request gets no answer', async () => {
    const fake = await startFake();
    const port = await closedPort();
    const proxy = useProxy(`http://user:proxy-password@127.0.0.1:${port}`);
    const { code, ids, json, stdout } = await doctor(['doctor', '--json'], envFor(fake, proxy));

    expect(code).toBe(1);
    expect(ids).toEqual(['proxy_failed']);
    expect(json.plan.proxy).toEqual({ variable: 'HTTP_PROXY', url: `http://127.0.0.1:${port}` });
    expect(finding(json, 'proxy_failed').fix).toContain('NO_PROXY=127.0.0.1');
    expect(stdout).not.toContain('proxy-password');
  });

  it('says the proxy wants credentials when it answers 407', async () => {
    const fake = await startFake();
    const port = await listen(
      createHttpServer((_request, response) => {
        response.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="corp"' }).end();
      }),
    );
    const { code, ids, json } = await doctor(['doctor', '--json'], envFor(fake, useProxy(`http://127.0.0.1:${port}`)));

    expect(code).toBe(1);
    expect(ids).toEqual(['proxy_auth_required']);
    expect(finding(json, 'proxy_auth_required').fix).toContain('HTTP_PROXY=http://user:password@proxy:8080');
    expect(fake.stats.tokenRequests).toBe(0);
  });

  it('advises NODE_EXTRA_CA_CERTS when the certificate is not trusted (self-signed, made by the openssl CLI)', async (context) => {
    // node:crypto cannot sign an X.509 certificate: without the openssl CLI there is none to serve.
    if (!hasOpenssl) context.skip('the openssl CLI is not installed, and it is needed to make a self-signed certificate');
    const dir = mkdtempSync(join(tmpdir(), 'doctor-tls-'));
    try {
      const made = spawnSync('openssl', [
        'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      ]);
      expect(made.status, made.stderr.toString()).toBe(0);
      const server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_request, response) => {
        response.end('{}');
      });
      const port = await listen(server as unknown as Server);
      const fake = await startFake();
      const { code, ids, json } = await doctor(['doctor', '--json'], envFor(fake, { CXONE_TOKEN_URL: `https://127.0.0.1:${port}/auth/token` }));

      expect(code).toBe(1);
      expect(ids).toEqual(['tls_certificate_untrusted']);
      expect(json.token.networkCode).toMatch(/SELF_SIGNED|CERT/);
      expect(finding(json, 'tls_certificate_untrusted').fix).toContain('NODE_EXTRA_CA_CERTS=');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
