import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

let processFigures: Registry | null = null;

/** One registry per app: tests build several apps in one process, each with its own counters. */
export function createMetricsRegistry(): Registry {
  return new Registry();
}

/** The app's series after the process's own (memory, CPU, event loop), which are watched once per process. */
export async function metricsText(registry: Registry): Promise<string> {
  if (!processFigures) {
    processFigures = new Registry();
    collectDefaultMetrics({ register: processFigures });
  }
  return `${await processFigures.metrics()}\n${await registry.metrics()}`;
}

/**
 * Counts and times every request by its route pattern (`/services/:id`, never the address itself, so
 * the number of series stays bounded), method and status. Requests no route matched count as `unmatched`.
 */
export function requestMetrics(registry: Registry): MiddlewareHandler {
  const labelNames = ['route', 'method', 'status'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern, method and status',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const pattern = routePath(c, -1);
      const labels = {
        route: pattern === '*' || pattern === '/*' ? 'unmatched' : pattern,
        method: c.req.method,
        status: String(c.res.status),
      };
      requests.inc(labels);
      duration.observe(labels, (performance.now() - started) / 1000);
    }
  };
}
