import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

/** A benchmark's figures: numbers (ms, MB, ratios, counts) and a few words (a target, a yes/no check). */
export type Figures = Record<string, number | string | boolean | null>;

const started = new Date();
const recorded: Record<string, Figures> = {};

/**
 * Keeps a benchmark's figures for this run's JSON file (writeResults). A name recorded twice merges its
 * figures, so a benchmark may record as it goes. Numbers are rounded to 3 decimals.
 */
export function record(name: string, figures: Figures): void {
  const rounded = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1000) / 1000 : v]));
  recorded[name] = { ...recorded[name], ...rounded };
}

/**
 * Writes every figure recorded so far to bench/results/<start time>.json (one file per run, rewritten after
 * each benchmark so a run that fails keeps what it measured); BENCH_RESULTS names another folder.
 */
export function writeResults(): string {
  const dir = process.env.BENCH_RESULTS ?? join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  const run = { startedAt: started.toISOString(), writtenAt: new Date().toISOString(), loadAverage: loadavg(), argv: process.argv.slice(2) };
  writeFileSync(file, JSON.stringify({ run, benchmarks: recorded }, null, 2) + '\n');
  return file;
}
