import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { CLIENT_ID, CLIENT_SECRET, makeToken } from './credentials.js';

/** What the stand-in does with the next requests; each knob is consumed as it is used. */
export interface FakeCxoneKnobs {
  /** Answer the next N API requests with 401 (as if the token had been revoked). */
  api401: number;
  /** Answer the next N API requests with 429 and this Retry-After value (omitted when undefined). */
  api429: number;
  api429RetryAfter?: string;
  /** Answer the next N API requests with 503. */
  api503: number;
  /** Answer the next N token requests with this status and body. */
  tokenFailures: Array<{ status: number; body?: string; headers?: Record<string, string> }>;
  /** Token requests never answer (to test tokenTimeoutMs). */
  tokenHangs: boolean;
  /** Destroy the socket of the next N token requests without answering. */
  tokenResets: number;
  /** Milliseconds every token request waits before answering. */
  tokenLatencyMs: number;
}

/** One request as the server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FakeCxone {
  /** `http://127.0.0.1:<port>`: the issuer and the API base URL. */
  url: string;
  tokenUrl: string;
  /** The API base URL (same server, so tests need one port). */
  apiUrl: string;
  knobs: FakeCxoneKnobs;
  /** Lifetime of issued tokens, in seconds. */
  expiresIn: number;
  tokenRequests: SeenRequest[];
  apiRequests: SeenRequest[];
  /** Tokens issued, newest last; all valid until revoked or expired. */
  issued: string[];
  /** Make every token issued so far invalid. */
  revokeAll(): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 that behaves as CXone's token endpoint and an API do, as far as
 * ../shared/CXONE.md knows: the token endpoint accepts only form-encoded bodies (JSON gets the 401
 * that started this project), checks the client in the body or in Basic, and issues tokens with a
 * lifetime; `/api/*` requires a valid bearer token and echoes what it received.
 */
export async function startFakeCxone(options: { expiresIn?: number } = {}): Promise<FakeCxone> {
  const valid = new Map<string, number>();
  const sockets = new Set<Socket>();
  const fake: FakeCxone = {
    url: '',
    tokenUrl: '',
    apiUrl: '',
    expiresIn: options.expiresIn ?? 3600,
    knobs: { api401: 0, api429: 0, api503: 0, tokenFailures: [], tokenHangs: false, tokenResets: 0, tokenLatencyMs: 0 },
    tokenRequests: [],
    apiRequests: [],
    issued: [],
    revokeAll: () => valid.clear(),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen: SeenRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      if (seen.path === '/auth/token') handleToken(seen, req, res);
      else if (seen.path.startsWith('/api/')) handleApi(seen, res);
      else send(res, 404, { error: 'not_found' });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function handleToken(seen: SeenRequest, req: IncomingMessage, res: ServerResponse): void {
    fake.tokenRequests.push(seen);
    const { knobs } = fake;
    if (knobs.tokenHangs) return;
    if (knobs.tokenResets > 0) {
      knobs.tokenResets--;
      req.socket.destroy();
      return;
    }
    const answer = (): void => {
      const failure = knobs.tokenFailures.shift();
      if (failure) {
        res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
        res.end(failure.body ?? '');
        return;
      }
      if (seen.method !== 'POST' || !String(seen.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
        // What CXone does with a JSON body: the credentials are not read.
        send(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
        return;
      }
      const form = new URLSearchParams(seen.body);
      const client = basicCredentials(seen.headers.authorization) ?? {
        id: form.get('client_id'),
        secret: form.get('client_secret'),
      };
      if (client.id !== CLIENT_ID || client.secret !== CLIENT_SECRET) {
        send(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
        return;
      }
      const grant = form.get('grant_type');
      if (grant !== 'client_credentials' && grant !== 'password') {
        send(res, 400, { error: 'unsupported_grant_type' });
        return;
      }
      const token = makeToken('fake');
      valid.set(token, Date.now() + fake.expiresIn * 1000);
      fake.issued.push(token);
      send(res, 200, { access_token: token, token_type: 'bearer', expires_in: fake.expiresIn, id_token: 'x.y.z' });
    };
    if (knobs.tokenLatencyMs > 0) setTimeout(answer, knobs.tokenLatencyMs);
    else answer();
  }

  function handleApi(seen: SeenRequest, res: ServerResponse): void {
    fake.apiRequests.push(seen);
    const { knobs } = fake;
    if (knobs.api429 > 0) {
      knobs.api429--;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (knobs.api429RetryAfter !== undefined) headers['retry-after'] = knobs.api429RetryAfter;
      res.writeHead(429, headers).end('{"error":"too_many_requests"}');
      return;
    }
    if (knobs.api503 > 0) {
      knobs.api503--;
      send(res, 503, { error: 'unavailable' });
      return;
    }
    const token = /^Bearer (.+)$/.exec(seen.headers.authorization ?? '')?.[1];
    const until = token === undefined ? undefined : valid.get(token);
    if (knobs.api401 > 0 || until === undefined || until <= Date.now()) {
      if (knobs.api401 > 0) knobs.api401--;
      send(res, 401, { error: 'invalid_token' });
      return;
    }
    send(res, 200, {
      method: seen.method,
      path: seen.path,
      contentType: seen.headers['content-type'] ?? null,
      body: seen.body,
      custom: seen.headers['x-custom'] ?? null,
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}`;
  fake.tokenUrl = `${fake.url}/auth/token`;
  fake.apiUrl = `${fake.url}/api`;
  return fake;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const encoded = /^Basic (.+)$/.exec(header ?? '')?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
