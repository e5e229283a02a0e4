import { createServer } from 'node:net';
import { afterEach, expect } from 'vitest';
import { basicCredentials } from '../../src/login/basic-auth.js';
import { runDoctor } from '../../src/cli/run.js';
import { startFakeCxone, type FakeCxone, type FakeCxoneOptions } from '../../src/testing/index.js';

/** What one doctor run wrote, and its exit code; `json` when the output parses as JSON. */
export interface DoctorRun {
  code: number;
  stdout: string;
  stderr: string;
  json: any;
  /** The finding ids, worst first (from --json output). */
  ids: string[];
}

type Env = Record<string, string | undefined>;

const started: FakeCxone[] = [];
/** Secrets and tokens a test made up besides the fakes' own (a wrong secret, a token a fault serves). */
const extraSecrets = new Set<string>();

afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.close()));
  extraSecrets.clear();
});

/** Starts a fake CXone (JWT-shaped tokens by default, as CXone's), closed after the test. */
export async function startFake(options: FakeCxoneOptions = {}): Promise<FakeCxone> {
  const fake = await startFakeCxone({ tokenFormat: 'jwt', ...options });
  started.push(fake);
  return fake;
}

/** The environment a user of `fake` would set: its client and token URL (and access key, if asked). */
export function envFor(fake: FakeCxone, extra: Env = {}): Env {
  return {
    CXONE_CLIENT_ID: fake.credentials.clientId,
    CXONE_CLIENT_SECRET: fake.credentials.clientSecret,
    CXONE_TOKEN_URL: fake.tokenUrl,
    ...extra,
  };
}

/** Marks a value as secret for the scan that follows every run. */
export function secret(value: string): string {
  extraSecrets.add(value);
  return value;
}

/**
 * Runs the doctor in-process and scans stdout and stderr for every secret in `env`, every
 * credential and token of every fake, and anything JWT-shaped (an id_token).
 */
export async function doctor(argv: string[], env: Env): Promise<DoctorRun> {
  const run = await doctorUnscanned(argv, env);
  expectNoSecrets([run.stdout, run.stderr], env);
  return run;
}

/**
 * Runs the doctor in-process without the scan of {@link doctor}: for a secret so ordinary
 * (`client`, `token`) that the doctor's own words rightly contain it.
 */
export async function doctorUnscanned(argv: string[], env: Env): Promise<DoctorRun> {
  let stdout = '';
  let stderr = '';
  const code = await runDoctor({
    argv,
    env,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  let json: any;
  try {
    json = JSON.parse(stdout);
  } catch {
    json = undefined;
  }
  return { code, stdout, stderr, json, ids: (json?.findings ?? []).map((finding: { id: string }) => finding.id) };
}

/** Asserts that no secret, token or id_token of this test appears in `outputs`. */
export function expectNoSecrets(outputs: string[], env: Env = {}): void {
  const needles = new Set<string>(extraSecrets);
  for (const value of [env['CXONE_CLIENT_SECRET'], env['CXONE_ACCESS_KEY_SECRET']]) if (value) needles.add(value);
  for (const fake of started) {
    const { clientId, clientSecret, accessKeySecret } = fake.credentials;
    for (const value of [clientSecret, accessKeySecret, basicCredentials(clientId, clientSecret), ...fake.tokens]) needles.add(value);
  }
  for (const output of outputs) {
    for (const needle of needles) {
      expect(output.includes(needle), `a secret or token leaked: ${needle.slice(0, 6)}...`).toBe(false);
      expect(output.includes(encodeURIComponent(needle))).toBe(false);
    }
    // Any JWT (an id_token or a JWT access token) starts with base64url of '{"': eyJ.
    expect(output).not.toMatch(/eyJ[\w-]{10,}/);
  }
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
