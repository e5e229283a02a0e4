import { ENVIRONMENT_VARIABLES } from '../options/options.js';
import { originOf } from '../security/hosts.js';
import type { DoctorFlags } from './args.js';
import type { DoctorFacts, TokenRequestReport } from './facts.js';
import type { Finding } from './finding.js';
import { tokenFailure } from './token-failures.js';

/** The id_token's `iat` may differ from this machine's clock by this much before it is worth a warning. */
export const CLOCK_SKEW_TOLERANCE_SECONDS = 300;

/** Everything the facts say is wrong or worth knowing, worst first. */
export function diagnose(facts: DoctorFacts, flags: DoctorFlags): Finding[] {
  const findings: Finding[] = [];
  if (facts.configurationError) findings.push(configurationFinding(facts.configurationError));
  if (facts.token && !facts.token.ok) findings.push(tokenFailure(facts));
  const issued = facts.token?.ok ? facts.token : facts.otherClientAuth?.ok ? facts.otherClientAuth : undefined;
  if (issued) findings.push(...apiFindings(facts, flags));
  for (const variable of facts.variables) {
    if (variable.problem === undefined) continue;
    findings.push({
      id: 'suspicious_value',
      severity: 'warning',
      title: `${variable.name} ${variable.problem}`,
      cause: `The library sends ${variable.name} exactly as it is set, so CXone sees these characters too.`,
      fix: `Set it again without them: export ${variable.name}='...' with the bare value.`,
    });
  }
  if (issued) findings.push(...clockFindings(issued));
  if (facts.jsonProbe) findings.push(jsonProbeFinding(facts, issued));
  else if (flags.jsonProbe && facts.plan?.grantType === 'access_key') {
    findings.push({
      id: 'json_probe_not_applicable',
      severity: 'info',
      title: '--json-probe does not apply to the access_key login',
      cause: 'The access-key endpoint reads a JSON body, and the library sends it JSON; the probe proves that the OAuth token endpoint (the other logins) does not.',
    });
  }
  const order = { config: 0, error: 1, warning: 2, info: 3 } as const;
  return findings.sort((a, b) => order[a.severity] - order[b.severity]);
}

function configurationFinding(error: { code: string; message: string }): Finding {
  // The message names the option ("grantType"); users set variables, so name the variable too.
  const option = /^"(\w+)"/.exec(error.message)?.[1];
  const variable = option === undefined ? undefined : (ENVIRONMENT_VARIABLES as Record<string, string>)[option];
  const missing = error.code === 'missing_credentials';
  return {
    id: missing ? 'missing_configuration' : 'invalid_configuration',
    severity: 'config',
    title: missing ? 'a required variable is not set' : `${variable ?? option ?? 'a variable'} has an invalid value`,
    cause: variable ? `${variable}: ${error.message}` : error.message,
    fix: missing
      ? 'Set CXONE_ACCESS_KEY_ID and CXONE_ACCESS_KEY_SECRET (an access key alone signs in), and CXONE_CLIENT_ID and CXONE_CLIENT_SECRET as well for a registered application.'
      : 'Correct the value, or unset the variable to use the default.',
  };
}

function apiFindings(facts: DoctorFacts, flags: DoctorFlags): Finding[] {
  const findings: Finding[] = [];
  const discovered = facts.discovery?.ok ? facts.discovery.api.apiEndpoint : undefined;
  if (facts.discovery && !facts.discovery.ok) {
    findings.push({
      id: 'api_host_not_discovered',
      severity: 'warning',
      title: "the tenant's API host could not be discovered",
      cause: facts.discovery.message,
      fix: "Give the API host yourself: axios.create({ baseURL: 'https://api-<area>.niceincontact.com' }), and --base-url here.",
    });
  }
  if (flags.baseUrl !== undefined && discovered !== undefined && originOf(flags.baseUrl) !== originOf(discovered)) {
    findings.push({
      id: 'api_host_mismatch',
      severity: 'warning',
      title: "--base-url is not this tenant's API host",
      cause: `CXone names ${discovered} as the API host of this tenant; --base-url is ${originOf(flags.baseUrl) ?? flags.baseUrl}.`,
      fix: `Use ${discovered} as the baseURL (or baseURL: 'discover').`,
    });
  }
  if (flags.apiPath === undefined) return findings;
  if (!facts.api) {
    findings.push({
      id: 'api_host_unknown',
      severity: 'error',
      title: 'no API host to send --api to',
      cause: 'Discovery did not name an API host and --base-url was not given.',
      fix: 'Pass --base-url https://api-<area>.niceincontact.com.',
    });
  } else if (!facts.api.ok) {
    findings.push(apiFailure(facts, discovered));
  }
  return findings;
}

function apiFailure(facts: DoctorFacts, discovered: string | undefined): Finding {
  const api = facts.api as NonNullable<DoctorFacts['api']>;
  const said = api.said ? ` (${api.said})` : '';
  const common = { id: 'api_request_failed' as const, severity: 'error' as const, title: `the API answered ${api.status ?? api.networkCode ?? 'nothing'}` };
  if (api.status === undefined) {
    return { ...common, cause: `GET ${api.url} got no answer: ${api.networkCode ?? 'unknown error'}.`, fix: 'Check the API host (--base-url) and the network path to it.' };
  }
  if (api.status === 401) {
    const elsewhere = discovered !== undefined && originOf(discovered) !== originOf(api.url);
    return {
      ...common,
      cause: `GET ${api.url} refused the token the token endpoint had just issued (401${said}). ${elsewhere ? "This host is not the tenant's: tokens are valid only on their own area's API host." : 'The API host is most likely not this tenant\'s (another area or cluster), or the token belongs to another environment.'}`,
      fix: discovered ? `Use ${discovered} as the API host.` : "Use the API host of your tenant's area (the api_endpoint of {issuer}/.well-known/cxone-configuration).",
    };
  }
  if (api.status === 403) {
    return { ...common, cause: `The token is valid but may not do this: GET ${api.url} answered 403${said}.`, fix: 'Grant the user behind the access key (its security profile) or the application the permission this API needs.' };
  }
  if (api.status === 404) {
    return { ...common, cause: `GET ${api.url} answered 404${said}: no such path on this host.`, fix: 'Check the path and API version, such as /inContactAPI/services/v31.0/agents.' };
  }
  if (api.status === 429) {
    return { ...common, cause: `GET ${api.url} answered 429: the API is rate limiting.`, fix: 'attachCxoneAuth waits as Retry-After says; lower the request rate.' };
  }
  return { ...common, cause: `GET ${api.url} answered ${api.status}${said}.`, fix: 'Check the path and the API host.' };
}

function clockFindings(token: TokenRequestReport): Finding[] {
  const skew = token.clockSkewSeconds;
  if (skew === undefined || Math.abs(skew) <= CLOCK_SKEW_TOLERANCE_SECONDS) return [];
  const minutes = Math.round(Math.abs(skew) / 60);
  return [
    {
      id: 'clock_skew',
      severity: 'warning',
      title: `this machine's clock is about ${minutes} min off`,
      cause: `The id_token says it was issued ${Math.abs(skew)} s ${skew > 0 ? 'later than' : 'earlier than'} this machine's clock says it is: one of the clocks is off by about ${minutes} min.`,
      fix: 'Synchronise the clock (NTP). axios-cxone-auth counts expiry from expires_in, so its tokens keep working; anything that checks iat or exp (JWT validation, signed webhooks, log correlation) will not.',
    },
  ];
}

function jsonProbeFinding(facts: DoctorFacts, issued: TokenRequestReport | undefined): Finding {
  const probe = facts.jsonProbe as NonNullable<DoctorFacts['jsonProbe']>;
  const answer = probe.status === undefined ? `no answer (${probe.networkCode ?? 'unknown error'})` : `${probe.status}${probe.oauthError ? ` ${probe.oauthError}` : ''}`;
  if (probe.accepted) {
    return {
      id: 'json_body_accepted',
      severity: 'info',
      title: 'this token endpoint accepts JSON too',
      cause: 'The same credentials sent as JSON got a token as well, so the body format is not what breaks a failing setup here.',
    };
  }
  if (!issued) {
    return {
      id: 'json_probe_inconclusive',
      severity: 'info',
      title: 'the JSON probe proves nothing yet',
      cause: `Sent as JSON, the same credentials got ${answer}; sent as a form they failed too. Fix the problem above first, then probe again.`,
    };
  }
  return {
    id: 'json_body_refused',
    severity: 'info',
    title: 'proof: CXone refuses the credentials as JSON',
    cause: `Sent as JSON, the same credentials got ${answer}; sent as a form (as this library does), they got a token. Code that hands axios.post a plain object sends JSON, which the token endpoint does not read: that is "curl works, axios fails".`,
    fix: 'Send the form: use fetchCxoneToken() or attachCxoneAuth(), or pass new URLSearchParams({ grant_type, client_id, client_secret }) as the body.',
  };
}
