import type { DoctorReport } from './doctor-report.js';
import type { TokenRequestReport } from './facts.js';
import type { Finding, Severity } from './finding.js';
import { CLIENT_AUTH_WORDS, LOGIN_WORDS } from './words.js';

const SEVERITY_WORDS: Record<Severity, string> = {
  config: 'Configuration error',
  error: 'Problem',
  warning: 'Warning',
  info: 'Note',
};
const VERDICTS = ['healthy', 'auth failure', 'usage or configuration error'] as const;

/** The report as one JSON object (and a newline): the `--json` output. */
export function renderJson(report: DoctorReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The report as text, for a person. */
export function renderText(report: DoctorReport): string {
  const lines: string[] = ['axios-cxone-auth doctor', '', 'Environment'];
  const width = Math.max(...report.variables.map((variable) => variable.name.length)) + 2;
  for (const variable of report.variables) {
    const state = !variable.set ? 'not set' : variable.shown === undefined ? 'set (hidden)' : `set: ${variable.shown}`;
    lines.push(`  ${variable.name.padEnd(width)}${state}`);
  }
  if (report.plan) {
    const { plan } = report;
    lines.push('', 'Token request plan');
    lines.push(...rows([
      ['token URL', `${plan.tokenUrl} (${plan.tokenUrlFrom})`],
      ['grant type', `${plan.grantType} (${plan.grantTypeFrom})`],
      ['login', LOGIN_WORDS[plan.grantType]],
      ['client auth', `${plan.clientAuth}: ${CLIENT_AUTH_WORDS[plan.clientAuth]} (${plan.clientAuthFrom})`],
      ['scope', plan.scope ?? 'none requested'],
      ['proxy', plan.proxy ? `${plan.proxy.url} (${plan.proxy.variable})` : 'none'],
    ]));
  }
  const format = report.plan?.grantType === 'access_key' ? 'JSON' : 'form-encoded';
  if (report.token) lines.push('', `Token request (${format}, as the library sends it; no retries)`, ...tokenLines(report.token));
  if (report.otherClientAuth) {
    lines.push('', `Same request with clientAuth ${report.otherClientAuth.clientAuth}`, ...tokenLines(report.otherClientAuth));
  }
  if (report.jsonProbe) {
    const probe = report.jsonProbe;
    const answer = probe.status === undefined ? `no answer (${probe.networkCode ?? 'unknown'})` : `${probe.status}${probe.oauthError ? ` ${probe.oauthError}` : ''}`;
    lines.push('', 'JSON probe (the same credentials as a JSON body)', ...rows([['answer', `${answer}: ${probe.accepted ? 'accepted' : 'refused'}`]]));
  }
  if (report.discovery) {
    lines.push('', 'API host');
    const { discovery } = report;
    lines.push(...rows([discovery.ok
      ? ['discovered', `${discovery.api.apiEndpoint} (area ${discovery.api.area || '?'}${discovery.api.cluster ? `, cluster ${discovery.api.cluster}` : ''})`]
      : ['discovered', 'failed (see below)']]));
  }
  if (report.api) {
    const { api } = report;
    lines.push('', 'API request', ...rows([['GET', api.url], ['answer', `${api.status ?? api.networkCode ?? 'none'} in ${api.durationMs} ms${api.ok ? '' : api.said ? `: ${api.said}` : ''}`]]));
  }
  for (const finding of report.findings) lines.push('', ...findingLines(finding));
  lines.push('', `Result: ${VERDICTS[report.exitCode]} (exit ${report.exitCode}).${summary(report)}`, '');
  return lines.join('\n');
}

function tokenLines(token: TokenRequestReport): string[] {
  const answer = token.status === undefined ? `no answer: ${token.networkCode ?? 'unknown error'}` : String(token.status);
  const entries: Array<[string, string]> = [['answer', `${answer} in ${token.durationMs} ms${token.contentType ? ` (${token.contentType})` : ''}`]];
  if (token.error) {
    const { error } = token;
    const said = [error.oauthError === error.code ? undefined : error.oauthError, error.description && `"${error.description}"`, error.statusDescription && `(${error.statusDescription})`].filter(Boolean).join(' ');
    entries.push(['error', `${error.code}${said ? `: ${said}` : ''}`]);
  }
  if (token.accessToken) entries.push(['access token', `${token.tokenType ?? 'Bearer'}, ${token.accessToken.fingerprint}, ${token.accessToken.length} chars (never shown)`]);
  if (token.expiresIn !== undefined) entries.push(['expires_in', `${token.expiresIn} s (until ${token.expiresAt ?? '?'})`]);
  if (token.ok) entries.push(['scope', token.scope ?? 'none in the answer']);
  if (token.idToken) {
    const claims = token.idToken;
    entries.push(['id_token', [
      claims.tenantId && `tenantId ${claims.tenantId}`,
      claims.area && `area ${claims.area}`,
      claims.cluster && `cluster ${claims.cluster}`,
    ].filter(Boolean).join(', ') || 'no tenant claims']);
    if (claims.issuer) entries.push(['issuer', claims.issuer]);
    const times = [
      claims.issuedAt !== undefined && `issued ${claimTime(claims.issuedAt)}`,
      claims.expiresAt !== undefined && `expires ${claimTime(claims.expiresAt)}`,
      token.clockSkewSeconds !== undefined && `clock difference ${token.clockSkewSeconds} s`,
    ].filter(Boolean);
    if (times.length > 0) entries.push(['iat / exp', times.join(', ')]);
  } else if (token.ok) {
    entries.push(['id_token', 'none in the answer']);
  }
  return rows(entries);
}

// A claim's time in seconds, as a date where it is one; an id_token's claims are not trusted, and
// `exp: 1e20` is no date (issue 11, hole 11).
function claimTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? `${seconds} (not a date)` : date.toISOString();
}

function findingLines(finding: Finding): string[] {
  return [
    `${SEVERITY_WORDS[finding.severity]}: ${finding.title} [${finding.id}]`,
    ...wrap(finding.cause, '  '),
    ...(finding.fix ? wrap(`Fix: ${finding.fix}`, '  ') : []),
  ];
}

function summary(report: DoctorReport): string {
  if (report.exitCode !== 0) return '';
  const warnings = report.findings.filter((finding) => finding.severity === 'warning').length;
  return ` A token was issued with this configuration${warnings ? `; ${warnings} warning${warnings > 1 ? 's' : ''} above` : ''}.`;
}

function rows(entries: ReadonlyArray<readonly [string, string]>): string[] {
  return entries.map(([label, value]) => `  ${label.padEnd(14)}${value}`);
}

const WRAP_AT = 100;

function wrap(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent.length + line.length + word.length + 1 > WRAP_AT) {
      lines.push(`${indent}${line}`);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(`${indent}${line}`);
  return lines;
}
