import { readFileSync } from 'node:fs';
import pg from 'pg';

// CPU time from /proc (Linux): what a process, or every PostgreSQL backend, spent on the cores, in ms.
const TICK_MS = 10; // USER_HZ is 100 on Linux

function processCpuMs(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime + stime
  } catch {
    return 0; // the process ended
  }
}

export function cpuMs(pid: number): number {
  return processCpuMs(pid);
}

/**
 * CPU of the PostgreSQL backends serving one database (other databases on the same server, such as
 * other test runs, are not counted). Call it before a load and call the returned function after.
 */
export async function postgresCpuMeter(databaseUrl: string): Promise<() => Promise<number>> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  const backends = async () =>
    (
      await admin.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      )
    ).rows.map((r) => r.pid);
  const before = new Map((await backends()).map((pid) => [pid, processCpuMs(pid)]));
  return async () => {
    let total = 0;
    for (const pid of await backends()) total += processCpuMs(pid) - (before.get(pid) ?? 0);
    await admin.end();
    return total;
  };
}

export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
