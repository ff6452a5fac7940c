// Sockets on this machine, for tests of servers: what listens on a port and where (from the
// kernel's tables, what `ss -ltn` shows), the process that holds it and its memory, and a port
// where nothing listens. Linux only (/proc); callers skip where it is absent.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ListeningSocket = { address: string; inode: string };

/** The sockets listening on `port`: IPv4 addresses as dotted quads, IPv6 ones as "v6:<hex>". */
export function listeningSockets(port: number): ListeningSocket[] {
  const found: ListeningSocket[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let table: string;
    try {
      table = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of table.trim().split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [hexAddress, hexPort] = fields[1]!.split(':');
      if (fields[3] !== '0A' || parseInt(hexPort!, 16) !== port) continue; // 0A: LISTEN
      const address = hexAddress!.length === 8 ? hexAddress!.match(/../g)!.reverse().map((byte) => parseInt(byte, 16)).join('.') : `v6:${hexAddress}`;
      found.push({ address, inode: fields[9]! });
    }
  }
  return found;
}

/** The pid of the process listening on `port`, or null where /proc cannot tell. */
export function serverPid(port: number): number | null {
  const inode = listeningSockets(port)[0]?.inode;
  if (!inode) return null;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      for (const fd of readdirSync(`/proc/${entry}/fd`)) {
        if (readlinkSync(`/proc/${entry}/fd/${fd}`) === `socket:[${inode}]`) return Number(entry);
      }
    } catch {
      // a process we may not look into, or one that just ended
    }
  }
  return null;
}

/** VmRSS of a process, in bytes. */
export function residentBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match![1]) * 1024;
}

/** A port on 127.0.0.1 where nothing listens: opened, noted, closed. */
export async function closedPort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
