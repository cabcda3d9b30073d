import { serve } from '@hono/node-server';
import { createApp } from '../src/app';
import { loadConfig } from '../src/platform/config';
import { startRuntime, stopRuntime } from '../src/runtime';

// One app process (web and worker, as `npm start`) with no traffic: the JavaScript thread's CPU while idle,
// from process.cpuUsage over IDLE_SECONDS, after IDLE_SETTLE_SECONDS for start-up work to finish.
const settleMs = Number(process.env.IDLE_SETTLE_SECONDS ?? 15) * 1000;
const measureMs = Number(process.env.IDLE_SECONDS ?? 10) * 1000;
const config = loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', SEED_DEMO: 'never' } as any);
const deps = await startRuntime(config, { work: process.env.IDLE_WORK !== '0' });
const server = serve({ fetch: createApp(deps).fetch, port: 0 });
await new Promise((r) => setTimeout(r, settleMs));
const before = process.cpuUsage();
const started = performance.now();
await new Promise((r) => setTimeout(r, measureMs));
const used = process.cpuUsage(before);
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ idleMsPerSecond: (used.user + used.system) / 1000 / seconds }));
server.close();
await stopRuntime(deps);
process.exit(0);
