/** Latencies and errors per route of a load (bench/scale.ts). An error: a network failure or a status of 400 and over. */
export class LoadStats {
  private readonly routes = new Map<string, { ms: number[]; errors: number; statuses: Map<number, number> }>();

  async time(route: string, fn: () => Promise<Response>): Promise<Response> {
    const r = this.routes.get(route) ?? { ms: [] as number[], errors: 0, statuses: new Map<number, number>() };
    this.routes.set(route, r);
    const t0 = performance.now();
    try {
      const res = await fn();
      const body = Buffer.from(await res.arrayBuffer());
      r.ms.push(performance.now() - t0);
      r.statuses.set(res.status, (r.statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 400) {
        r.errors++;
        if (r.errors <= 3) console.error(`  ${route}: ${res.status} ${body.toString().slice(0, 200)}`);
      }
      return new Response(body, { status: res.status, headers: res.headers });
    } catch (e) {
      r.ms.push(performance.now() - t0);
      r.errors++;
      if (r.errors <= 3) console.error(`  ${route}: ${(e as Error).message}`);
      throw e;
    }
  }

  count(): number {
    return [...this.routes.values()].reduce((s, r) => s + r.ms.length, 0);
  }

  errors(): number {
    return [...this.routes.values()].reduce((s, r) => s + r.errors, 0);
  }

  table(): string {
    const lines = [`  ${'route'.padEnd(40)} ${'n'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)} errors`];
    for (const [route, r] of this.routes) {
      const s = [...r.ms].sort((a, b) => a - b);
      lines.push(
        `  ${route.padEnd(40)} ${String(s.length).padStart(6)} ${percentile(s, 50).toFixed(0).padStart(8)} ${percentile(s, 95).toFixed(0).padStart(8)} ${(s.at(-1) ?? 0).toFixed(0).padStart(8)} ${r.errors}`,
      );
    }
    return lines.join('\n');
  }
}

/** The p-th percentile of sorted values (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
