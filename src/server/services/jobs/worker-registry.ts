// Which worker processes are alive. Each one writes a row with its graphile-worker ids and
// refreshes it every 15 s. A process that stopped refreshing for a minute, or whose pid is gone
// on this machine, died without handing its jobs back; graphile-worker would wait 4 hours
// before taking them again, so its jobs are unlocked now (force_unlock_workers).
import { hostname } from 'node:os';
import type { Db } from '@/server/services/context';

const DEAD_AFTER_MS = 60_000;

export async function registerWorkerProcess(db: Db, worker: { id: string; host: string; pid: number; workerIds: string[] }) {
  await db.jobWorker.create({ data: { ...worker, heartbeatAt: new Date() }, select: { id: true } });
}

export async function heartbeat(db: Db, id: string, workerIds: string[]) {
  await db.jobWorker.update({ where: { id }, data: { heartbeatAt: new Date(), workerIds }, select: { id: true } });
}

export async function unregisterWorkerProcess(db: Db, id: string) {
  await db.jobWorker.deleteMany({ where: { id } });
}

function isRunningHere(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A job locked this long by a worker no live process owns was orphaned (its owner died before writing its ids down). */
const ORPHAN_AFTER_MS = 30_000;

/** Unlocks the jobs of dead workers; returns how many processes were found dead. */
export async function sweepDeadWorkers(db: Db, input: { now: Date }): Promise<number> {
  const dead = await unlockDeadProcesses(db, input.now);
  await unlockOrphanedJobs(db, input.now);
  return dead;
}

async function unlockOrphanedJobs(db: Db, now: Date) {
  const live = (await db.jobWorker.findMany({ select: { workerIds: true } })).flatMap((worker) => worker.workerIds);
  const orphans = await db.$queryRaw<{ locked_by: string }[]>`
    SELECT DISTINCT locked_by FROM graphile_worker._private_jobs
    WHERE locked_at IS NOT NULL AND locked_at < ${new Date(now.getTime() - ORPHAN_AFTER_MS)}::timestamptz
      AND locked_by IS NOT NULL AND NOT (locked_by = ANY(${live}::text[]))`;
  if (orphans.length) await db.$executeRaw`SELECT graphile_worker.force_unlock_workers(${orphans.map((row) => row.locked_by)}::text[])`;
}

async function unlockDeadProcesses(db: Db, nowAt: Date): Promise<number> {
  const input = { now: nowAt };
  const here = hostname();
  const workers = await db.jobWorker.findMany({ select: { id: true, host: true, pid: true, workerIds: true, heartbeatAt: true } });
  const dead = workers.filter(
    (worker) =>
      worker.heartbeatAt.getTime() < input.now.getTime() - DEAD_AFTER_MS ||
      (worker.host === here && worker.pid !== process.pid && !isRunningHere(worker.pid)),
  );
  if (!dead.length) return 0;
  const ids = dead.flatMap((worker) => worker.workerIds);
  if (ids.length) await db.$executeRaw`SELECT graphile_worker.force_unlock_workers(${ids}::text[])`;
  await db.jobWorker.deleteMany({ where: { id: { in: dead.map((worker) => worker.id) } } });
  return dead.length;
}
