// Percentiles and timing helpers shared by the benchmark scripts.
import { performance } from 'node:perf_hooks';

/** Nearest-rank percentile (p in 0..100) of a list of numbers. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function summarize(values) {
  return {
    runs: values.length,
    median: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

/**
 * Times `fn` `runs` times after `warmup` untimed calls. Returns milliseconds per call, wall clock and
 * this process's CPU time (user + system): on a busy machine the CPU time shows the cost without
 * the time spent waiting for a core.
 */
export function timeRuns(fn, runs, warmup = Math.min(50, runs)) {
  for (let i = 0; i < warmup; i++) fn();
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall, cpu };
}

/** Wall and CPU milliseconds of one call of `fn`. */
export function timeOnce(fn) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

export function ms(value, digits = 2) {
  return `${value.toFixed(digits)} ms`;
}
