import { summarize } from './bench-stats';
import { DRIFT_RULE, latencyDrift, MEMORY_RULE, memoryGrowth, memoryPerMinute, type MemorySample } from './soak-rules';

/** One request of the soak: when it was due (ms since the start), how long it took, whether it succeeded. */
export type Sample = { at: number; ms: number; ok: boolean };

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

/**
 * Prints the soak's tables (per operation and minute; memory per minute) and judges them: errors, p95 drift
 * between the first and the last FULL minute (a last partial minute has too few samples), steady memory growth.
 */
export function reportSoak(options: {
  ops: readonly { key: string; label: string; perSecond: number }[];
  samples: Map<string, Sample[]>;
  details: Map<string, Map<string, number>>;
  memory: MemorySample[];
  seconds: number;
  verdict: (ok: boolean, what: string) => string;
  figure: (key: string, label: string, value: number, unit: string) => void;
  log: (line: string) => void;
}): void {
  const { log, verdict, figure } = options;
  const fullMinutes = Math.floor(options.seconds / 60);
  const rows = [
    '| operación | minuto | peticiones | p50 ms | p95 ms | p99 ms | errores |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const checks: string[] = [];
  for (const op of options.ops) {
    const all = options.samples.get(op.key)!;
    const perMinute: ReturnType<typeof summarize>[] = [];
    for (let minute = 0; minute < Math.max(1, fullMinutes); minute++) {
      const inMinute = all.filter((s) => Math.floor(s.at / 60_000) === minute);
      const ok = inMinute.filter((s) => s.ok).map((s) => s.ms);
      const summary = summarize(ok);
      perMinute.push(summary);
      rows.push(
        `| ${op.label} | ${minute + 1} | ${inMinute.length} | ${fmt(summary.p50)} | ${fmt(summary.p95)} | ${fmt(summary.p99)} | ${inMinute.length - ok.length} |`,
      );
    }
    const last = perMinute[perMinute.length - 1]!;
    if (Number.isFinite(last.p95)) figure(`resistencia.${op.key}.p95`, `Resistencia: ${op.label}: p95 del último minuto`, last.p95, 'ms');
    const errors = all.filter((s) => !s.ok).length;
    const detail = [...options.details.get(op.key)!].map(([what, n]) => `${n}× ${what}`).join(', ');
    checks.push(
      `  ${op.label} (${fmt(op.perSecond, 2)}/s, ${all.length} en total): sin errores ${verdict(errors === 0, `resistencia: ${op.label}: ${errors} errores (${detail})`)}`,
    );
    if (fullMinutes >= 2) {
      const first = perMinute.find((m) => m.count > 0);
      const drift = latencyDrift(first?.p95 ?? NaN, last.p95);
      checks.push(
        `  ${op.label}: p95 del primer minuto con datos ${fmt(first?.p95 ?? NaN)} ms → último minuto completo ${fmt(last.p95)} ms (${drift.change >= 0 ? '+' : ''}${Math.round(drift.change * 100)} %; meta: no más de +${DRIFT_RULE.relative * 100} % y ${DRIFT_RULE.minimumMs} ms) ${verdict(!drift.drifts, `resistencia: el p95 de ${op.label} deriva ${Math.round(drift.change * 100)} % (${fmt(first?.p95 ?? NaN)} → ${fmt(last.p95)} ms)`)}`,
      );
    }
  }
  log(rows.join('\n'));
  log(checks.join('\n'));

  const minutes = memoryPerMinute(options.memory).filter((m) => m.minute < Math.max(1, fullMinutes));
  log('\n| minuto | RSS máx. MB | heap tras recolección (mín.) MB |\n| ---: | ---: | ---: |');
  for (const m of minutes) log(`| ${m.minute + 1} | ${fmt(m.rssMb)} | ${fmt(m.heapMb)} |`);
  const growth = memoryGrowth(minutes);
  const lastMinute = minutes[minutes.length - 1];
  if (lastMinute) {
    figure('resistencia.heap.mb', 'Resistencia: heap tras recolección, último minuto', lastMinute.heapMb, 'MB');
    figure('resistencia.rss.mb', 'Resistencia: RSS máximo, último minuto', lastMinute.rssMb, 'MB');
  }
  if (minutes.length < 3) log('  Memoria: menos de tres minutos completos; no se juzga la tendencia (use --soak 3 o más).');
  else
    log(
      `  Memoria: pendiente ${fmt(growth.slopeMbPerMinute, 2)} MB/min, último minuto frente al primero ${growth.growth >= 0 ? '+' : ''}${Math.round(growth.growth * 100)} % (falla si > ${MEMORY_RULE.slopeMbPerMinute} MB/min Y > ${MEMORY_RULE.growth * 100} %) ${verdict(!growth.grows, `resistencia: ${growth.reason ?? ''}`)}`,
    );
}
