import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startFakeCxone } from '../../src/testing/index.js';

// The listen queue's length is only visible from outside the process: `ss` shows it as the Send-Q
// of a listening socket. The kernel caps it at net.core.somaxconn.
const somaxconn = (): number => Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8').trim());
const hasSs = ((): boolean => {
  try {
    execFileSync('ss', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** The Send-Q (the backlog) of the socket listening on `url`'s port. */
function listenQueueOf(url: string): number {
  const port = new URL(url).port;
  const line = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' }).trim();
  return Number(line.split(/\s+/)[2]);
}

describe.skipIf(!hasSs || process.platform !== 'linux')('the fake servers\' listen backlog', () => {
  it('listens with the backlog it is given, on the issuer and the API server alike', async () => {
    const backlog = Math.min(2000, somaxconn());
    const fake = await startFakeCxone({ backlog });
    try {
      expect([listenQueueOf(fake.url), listenQueueOf(fake.apiUrl)]).toEqual([backlog, backlog]);
    } finally {
      await fake.close();
    }
  });

  it('keeps Node\'s default of 511 when given none', async () => {
    const fake = await startFakeCxone();
    try {
      expect(listenQueueOf(fake.apiUrl)).toBe(Math.min(511, somaxconn()));
    } finally {
      await fake.close();
    }
  });
});
