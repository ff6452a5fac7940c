// The resident memory of the process serving a port, read from /proc (Linux): the socket table
// names the listening socket's inode, and the process holding that inode is the server.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

function listeningInode(port: number): string | null {
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let table: string;
    try {
      table = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of table.trim().split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const localPort = parseInt(fields[1]!.split(':')[1]!, 16);
      if (fields[3] === '0A' && localPort === port) return fields[9]!;
    }
  }
  return null;
}

/** The pid of the process listening on `port`, or null where /proc cannot tell. */
export function serverPid(port: number): number | null {
  const inode = listeningInode(port);
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
