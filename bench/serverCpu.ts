import { readdirSync, readFileSync } from 'node:fs';
import type { WorkerResourceUsage } from 'mediasoup/types';
import { loadConfig } from '../server/config';

/** CPU time (user + system), in milliseconds, spent by each part of the server over a stretch of the bench. */
export interface CpuSpent {
  /** The bench's Node process: the server's JavaScript (and the bare counterpart's), no clients. */
  node: number;
  /** The mediasoup workers. */
  worker: number;
  /** The embedded database's process, when the bench started one (not with MONGODB_URI). */
  database?: number;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU milliseconds of the child processes of this one started from `binary`, from /proc (Linux). */
function childCpuMs(binary: string | undefined): number | undefined {
  if (!binary) return undefined;
  let total: number | undefined;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
      // After the command's name, which may hold spaces and parentheses: state, ppid, … utime (14th field), stime (15th).
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (command !== binary || Number(fields[1]) !== process.pid) continue;
      total = (total ?? 0) + ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
    } catch {
      // The process ended while being read: it is not the database, which lives as long as the bench.
    }
  }
  return total;
}

const workerMs = (usages: WorkerResourceUsage[]) => usages.reduce((sum, usage) => sum + usage.ru_utime + usage.ru_stime, 0);

/**
 * Starts counting the server's CPU time; `workerUsages` reads the resource usage of the workers
 * that serve the measured part. The returned function stops and says what each part spent.
 */
export async function countCpu(workerUsages: () => Promise<WorkerResourceUsage[]>): Promise<() => Promise<CpuSpent>> {
  const { uri, embeddedBin } = loadConfig().database;
  const databaseBin = uri ? undefined : embeddedBin;
  const databaseBefore = childCpuMs(databaseBin);
  const workerBefore = workerMs(await workerUsages());
  const nodeBefore = process.cpuUsage();
  return async () => {
    const node = process.cpuUsage(nodeBefore);
    const worker = workerMs(await workerUsages()) - workerBefore;
    const databaseAfter = childCpuMs(databaseBin);
    return {
      node: (node.user + node.system) / 1000,
      worker,
      ...(databaseBefore !== undefined && databaseAfter !== undefined ? { database: databaseAfter - databaseBefore } : {}),
    };
  };
}
