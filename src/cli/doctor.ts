import { CxoneAuthError } from '../errors/errors.js';
import { resolveTokenOptions, type Environment, type ResolvedTokenOptions } from '../options/options.js';
import type { CxoneToken } from '../types.js';
import { checkApi } from './api-check.js';
import type { DoctorFlags } from './args.js';
import { diagnose } from './diagnoses.js';
import { discoverApiHost } from './discovery.js';
import type { DoctorReport } from './doctor-report.js';
import { describeEnvironment } from './environment.js';
import type { DoctorFacts } from './facts.js';
import { exitCodeOf } from './finding.js';
import { sendJsonProbe } from './json-probe.js';
import { tokenEndpointNextTo } from './openid.js';
import { describePlan } from './plan.js';
import { attemptToken, reportAttempt } from './token-attempt.js';
import { looksLikeWrongTokenUrl } from './token-failures.js';

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
  if (!first.ok && looksLikeWrongTokenUrl(facts.token) && options.grantType !== 'access_key') {
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

// The facts are gathered step by step, then handed over read-only.
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
