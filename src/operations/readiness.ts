import { migrationsApplied } from '../platform/db/migrationState';
import type { Deps } from '../platform/deps';
import { groongaCommand } from '../marketplace/search/groongaEngine';

/** A check that has not answered in this long counts as down: a load balancer must not wait on us. */
const CHECK_TIMEOUT_MS = 3000;

export type Readiness = { ready: boolean; checks: Record<string, 'up' | 'down' | 'pending' | 'stopping'> };

function withTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS).unref()),
  ]);
}

const answers = (work: () => Promise<unknown>) =>
  withTimeout(work()).then(
    () => 'up' as const,
    () => 'down' as const,
  );

/**
 * May this process be sent traffic: not while it is stopping, and only once the database answers with every
 * migration applied, and the bucket (S3_*) and Groonga (SEARCH_URL) answer when they are set.
 */
export async function readiness(deps: Deps, stopping: boolean): Promise<Readiness> {
  if (stopping) return { ready: false, checks: { process: 'stopping' } };
  const checks: Readiness['checks'] = {};
  checks.database = (await withTimeout(deps.database.ping()).catch(() => false)) ? 'up' : 'down';
  checks.migrations =
    checks.database === 'up'
      ? (await withTimeout(migrationsApplied(deps.db)).catch(() => false))
        ? 'up'
        : 'pending'
      : 'down';
  const [files, search] = await Promise.all([
    deps.files.kind === 's3' ? answers(() => deps.files.check()) : null,
    deps.config.searchUrl ? answers(() => groongaCommand(deps.config.searchUrl!, 'status', {})) : null,
  ]);
  if (files) checks.files = files;
  if (search) checks.search = search;
  return { ready: Object.values(checks).every((state) => state === 'up'), checks };
}
