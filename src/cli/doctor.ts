import { tokenFingerprint } from '../token/token-fingerprint.js';
import { CxoneAuthError } from '../errors/errors.js';
import { resolveTokenOptions, type ResolvedClientAuth, type ResolvedTokenOptions } from '../options/options.js';
import type { CxoneToken } from '../types.js';
import { checkApi, type ApiCheck } from './api-check.js';
import type { DoctorFlags } from './args.js';
import { summarizeIdToken, type IdTokenSummary } from './claims.js';
import { diagnose } from './diagnoses.js';
import { exitCodeOf, type Finding } from './finding.js';
import { discoverApiHost, type DiscoveredApi } from './discovery.js';
import { describeEnvironment, type VariableReport } from './environment.js';
import type { Exchange } from './exchange.js';
import { sendJsonProbe, type JsonProbe } from './json-probe.js';
import { tokenEndpointNextTo } from './openid.js';
import { describePlan, type TokenPlan } from './plan.js';
import { attemptToken, type TokenAttempt } from './token-attempt.js';
import type { ExitCode } from './exit-codes.js';

type Environment = Readonly<Record<string, string | undefined>>;

/** One token request as reported: never the token, only its fingerprint. */
export interface TokenRequestReport extends Exchange {
  readonly clientAuth: ResolvedClientAuth;
  readonly ok: boolean;
  readonly durationMs: number;
  readonly tokenType?: string;
  readonly expiresIn?: number;
  /** ISO time, counted from when the request was sent. */
  readonly expiresAt?: string;
  readonly scope?: string;
  /** `sha256:` and the first 8 hex digits of the token's SHA-256, and its length: enough to tell tokens apart. */
  readonly accessToken?: { readonly fingerprint: string; readonly length: number };
  readonly idToken?: IdTokenSummary;
  /** `iat` of the id_token less this machine's clock when the answer arrived, in seconds. */
  readonly clockSkewSeconds?: number;
  readonly error?: {
    readonly code: string;
    readonly oauthError?: string;
    readonly description?: string;
    readonly statusDescription?: string;
    readonly retryAfterMs?: number;
  };
}

/** Everything the doctor found out, free of secrets and tokens: what the text and JSON reports show. */
export interface DoctorReport {
  readonly ok: boolean;
  readonly exitCode: ExitCode;
  readonly variables: readonly VariableReport[];
  /** The configuration error that stopped the doctor before any request. */
  readonly configurationError?: { readonly code: string; readonly message: string };
  readonly plan?: TokenPlan;
  readonly token?: TokenRequestReport;
  /** The same request with the other client authentication, sent after an `invalid_client`. */
  readonly otherClientAuth?: TokenRequestReport;
  /** What `{origin}/.well-known/openid-configuration` names as token endpoint, when the token URL looked wrong. */
  readonly suggestedTokenUrl?: string;
  readonly jsonProbe?: JsonProbe;
  readonly discovery?: { readonly ok: true; readonly api: DiscoveredApi } | { readonly ok: false; readonly message: string };
  readonly api?: ApiCheck;
  readonly findings: readonly Finding[];
}

/** What the doctor observed, before it is diagnosed. */
export type DoctorFacts = Omit<DoctorReport, 'ok' | 'exitCode' | 'findings'>;

/** Runs every check the flags ask for against the configuration in `env`. */
export async function examine(flags: DoctorFlags, env: Environment): Promise<DoctorReport> {
  const variables = describeEnvironment(env);
  let options: ResolvedTokenOptions;
  try {
    options = resolveTokenOptions({ tokenTimeoutMs: flags.timeoutMs }, env);
  } catch (error) {
    if (!(error instanceof CxoneAuthError)) throw error;
    return conclude(flags, { variables, configurationError: { code: error.code, message: error.message } });
  }
  const facts: Mutable<DoctorFacts> = { variables, plan: describePlan(options, env) };

  const first = await attemptToken(options, flags.timeoutMs);
  facts.token = reportAttempt(first);
  let token = first.ok ? first : undefined;
  // The access-key login sends no client: there is no other place to try.
  if (!first.ok && first.error.code === 'invalid_client' && options.clientAuth !== 'none') {
    // Where the client goes is fixed when the application is registered, and both occur: trying the
    // other place tells a wrong secret from a secret in the wrong place.
    const other = otherClientAuth(options, env);
    if (other) {
      const second = await attemptToken(other, flags.timeoutMs);
      facts.otherClientAuth = reportAttempt(second);
      if (second.ok) token = second;
    }
  }
  // The issuer publishes its OAuth token endpoint, not the access-key endpoint: no suggestion for that login.
  if (!first.ok && looksLikeWrongUrl(facts.token) && options.grantType !== 'access_key') {
    const suggested = await tokenEndpointNextTo(options.tokenUrl, flags.timeoutMs);
    if (suggested !== undefined && suggested !== facts.plan?.tokenUrl) facts.suggestedTokenUrl = suggested;
  }
  // The access-key endpoint reads JSON, and the library sends it JSON: there is nothing to prove.
  if (flags.jsonProbe && options.grantType !== 'access_key') facts.jsonProbe = await sendJsonProbe(options, flags.timeoutMs);
  if (token) await examineToken(token.token, flags, facts);
  return conclude(flags, facts);
}

async function examineToken(token: CxoneToken, flags: DoctorFlags, facts: Mutable<DoctorFacts>): Promise<void> {
  try {
    facts.discovery = { ok: true, api: await discoverApiHost(token) };
  } catch (error) {
    facts.discovery = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const baseUrl = flags.baseUrl ?? (facts.discovery.ok ? facts.discovery.api.apiEndpoint : undefined);
  if (flags.apiPath !== undefined && baseUrl !== undefined) {
    facts.api = await checkApi(baseUrl, flags.apiPath, token.accessToken, flags.timeoutMs);
  }
}

function conclude(flags: DoctorFlags, facts: DoctorFacts): DoctorReport {
  const findings = diagnose(facts, flags);
  const exitCode = exitCodeOf(findings);
  return { ok: exitCode === 0, exitCode, ...facts, findings };
}

function otherClientAuth(options: ResolvedTokenOptions, env: Environment): ResolvedTokenOptions | undefined {
  const clientAuth = options.clientAuth === 'basic' ? 'body' : 'basic';
  try {
    return resolveTokenOptions({ tokenTimeoutMs: options.tokenTimeoutMs, clientAuth }, env);
  } catch {
    // A client id with ':' cannot go in Basic at all: there is no other place to try.
    return undefined;
  }
}

function looksLikeWrongUrl(report: TokenRequestReport): boolean {
  const { status, html } = report;
  return html === true || status === 404 || status === 405 || (status !== undefined && status >= 300 && status < 400);
}

function reportAttempt(attempt: TokenAttempt): TokenRequestReport {
  const common = { ...attempt.exchange, clientAuth: attempt.clientAuth, ok: attempt.ok, durationMs: attempt.durationMs };
  if (!attempt.ok) {
    const { code, oauthError, oauthErrorDescription, statusDescription, retryAfterMs } = attempt.error;
    return {
      ...common,
      error: {
        code,
        ...(oauthError ? { oauthError } : {}),
        ...(oauthErrorDescription ? { description: oauthErrorDescription } : {}),
        ...(statusDescription ? { statusDescription } : {}),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      },
    };
  }
  const { token, receivedAt } = attempt;
  const idToken = summarizeIdToken(token.idToken);
  return {
    ...common,
    tokenType: token.tokenType,
    expiresIn: token.expiresIn,
    expiresAt: new Date(token.expiresAt).toISOString(),
    ...(token.scope === undefined ? {} : { scope: token.scope }),
    accessToken: { fingerprint: tokenFingerprint(token.accessToken), length: token.accessToken.length },
    ...(idToken ? { idToken } : {}),
    ...(idToken?.issuedAt === undefined ? {} : { clockSkewSeconds: clockSkewSeconds(idToken.issuedAt, token, receivedAt) }),
  };
}

/**
 * How far `iat` (whole seconds) lies outside the time the request was under way: 0 when the token
 * endpoint's clock agrees with this machine's to the second.
 */
function clockSkewSeconds(issuedAt: number, token: CxoneToken, receivedAt: number): number {
  const sentAtSeconds = Math.floor((token.expiresAt - token.expiresIn * 1000) / 1000);
  const receivedAtSeconds = Math.ceil(receivedAt / 1000);
  if (issuedAt < sentAtSeconds) return issuedAt - sentAtSeconds;
  return issuedAt > receivedAtSeconds ? issuedAt - receivedAtSeconds : 0;
}

/** `sha256:` and 8 hex digits: tells two tokens apart without revealing either. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
