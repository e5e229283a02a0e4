import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FakeRequest } from './types.js';

/** An answer a fake endpoint gives: a response, a reset connection, or none at all. */
export type FakeAnswer =
  | { status: number; body: string; headers: Record<string, string> }
  | { reset: true }
  | { hang: true };

/** A JSON answer. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): FakeAnswer {
  return { status, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } };
}

/** What the server plumbing needs from the fake: how to answer, and how long to wait first. */
export interface FakeServerHooks {
  answer(request: Omit<FakeRequest, 'target'>): FakeAnswer;
  latencyMs(): number;
  onAnswer(answer: FakeAnswer): void;
}

/** A listening server that can be closed with its open (or hung) connections. */
export interface FakeServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Starts a node:http server on 127.0.0.1 that reads each whole request and answers through `hooks`;
 * `backlog` undefined leaves Node's default (511).
 */
export async function startFakeServer(port: number, backlog: number | undefined, hooks: FakeServerHooks): Promise<FakeServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    readBody(req, (body) => {
      const answer = hooks.answer({
        method: req.method ?? '',
        path: req.url ?? '/',
        headers: req.headers,
        body,
        at: Date.now(),
      });
      const write = (): void => {
        hooks.onAnswer(answer);
        if ('reset' in answer) req.socket.destroy();
        else if ('status' in answer) res.writeHead(answer.status, answer.headers).end(answer.body);
        // A hung request stays open until close() destroys its socket.
      };
      const latencyMs = hooks.latencyMs();
      if (latencyMs <= 0) {
        write();
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        write();
      }, latencyMs);
      timers.add(timer);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1', ...(backlog === undefined ? {} : { backlog }) }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
      })),
  };
}

function readBody(req: IncomingMessage, onBody: (body: string) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    onBody(Buffer.concat(chunks).toString('utf8'));
  });
}
