import {
  COMPONENTS,
  costOf,
  drivers,
  monthCost,
  per1000,
  zeroCounts,
  addCounts,
  type Assumptions,
  type MonthCost,
  type OperationCounts,
  type Prices,
} from './cost-model';

type Figure = { value: number; why: string };
export type UsageModel = {
  population: Record<string, Figure>;
  firstMonth: Record<string, Figure>;
  steadyState: Record<string, Figure>;
  timersPerMonth: Record<string, Figure>;
  queuePollsPerMonth: Figure;
};
export type Measured = {
  runs: number;
  perOperation: Record<string, OperationCounts>;
  timers: Record<string, OperationCounts>;
  exportRows: number;
  exportRowsPerProvider: number;
};

export const LABELS: Record<string, string> = {
  register: 'Registro (con correo de activación y activación)',
  signIn: 'Ingreso',
  requestKeys: 'Solicitud de llaves (con acuse y alerta al ministerio)',
  ministryAlert: 'La alerta al ministerio sola (modo each; ya incluida en la solicitud)',
  assignManual: 'Asignar llaves a mano',
  assignEntra: 'Asignar con «Generar en Entra ID»',
  reveal: 'Mostrar el secreto (delegado)',
  search: 'Búsqueda (funcionario)',
  remindersPerProvider: 'Recordatorios diarios (por prestador con llaves por vencer)',
  exportPer1000Rows: 'Exportación nocturna (por 1.000 filas)',
};

type Context = {
  prices: Prices;
  usage: UsageModel;
  perOperation: Record<string, OperationCounts>;
  timers: Record<string, OperationCounts>;
};

function months(ctx: Context, exportRowsPerProvider: number) {
  const pop = (k: string) => ctx.usage.population[k]!.value;
  const a: Assumptions = {
    gbSecondsPerExecution: pop('gbSecondsPerExecution'),
    logKbPerExecution: pop('logKbPerExecution'),
    emailKb: pop('emailKb'),
    storageGb: pop('storageGb'),
    egressGbPerMonth: pop('egressGbPerMonth'),
  };
  const background = zeroCounts();
  for (const [name, counts] of Object.entries(ctx.timers)) addCounts(background, counts, ctx.usage.timersPerMonth[name]?.value ?? 0);
  background.queueClass2 += ctx.usage.queuePollsPerMonth.value;
  const rows = (pop('exportRowsPerProvider') || exportRowsPerProvider) * pop('providers');
  const volumes = (period: Record<string, Figure>) => ({
    ...Object.fromEntries(Object.entries(period).map(([k, f]) => [k, f.value])),
    exportPer1000Rows: (period.exportRuns?.value ?? 0) * (rows / 1000),
  });
  const month = (period: Record<string, Figure>) =>
    monthCost({ perOperation: ctx.perOperation, volumes: volumes(period), background }, ctx.prices, a);
  return { a, rows, first: month(ctx.usage.firstMonth), steady: month(ctx.usage.steadyState) };
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const webFromBlob = (ctx: Context) => {
  ctx.prices.staticWebAppStandard.price = 0;
  const files = ctx.usage.population.webRequestsPerSignIn!.value;
  for (const op of ['register', 'signIn']) ctx.perOperation[op]!.blobRead += files;
};
/** The new-request alert goes to every active official and the alert list: the officials' copies go. */
const alertToMailboxOnly = (ctx: Context) => {
  const op = ctx.perOperation.requestKeys!;
  op.emails = Math.max(0, op.emails - ctx.usage.population.officials!.value);
};
/**
 * OFFICER_ALERT_MODE=digest: requests without their alert (measured apart: ministryAlert), and the digest's windows a
 * month (usage-model.json), each with its timer run and e-mail to the officials (measured: officer-digest).
 */
const digestMode = (ctx: Context) => {
  const request = ctx.perOperation.requestKeys!;
  const alert = ctx.perOperation.ministryAlert!;
  for (const key of Object.keys(request) as (keyof OperationCounts)[]) request[key] = Math.max(0, request[key] - alert[key]);
  ctx.usage.timersPerMonth['officer-digest'] = { value: ctx.usage.population.digestWindowsPerMonth!.value, why: 'digest' };
};
/** Today one reminder per environment (two e-mails, each to the same recipients): one for both. */
const oneReminderPerProvider = (ctx: Context) => {
  ctx.perOperation.remindersPerProvider!.emails /= 2;
};

/** Changes a person could make, each re-run through the same model: the bill they leave. */
export const DIGEST_SCENARIO =
  'OFFICER_ALERT_MODE=digest: un resumen a los funcionarios a las 8:00 y 13:00 en vez de un correo por solicitud';
const SCENARIOS: { name: string; apply: (ctx: Context) => void }[] = [
  { name: DIGEST_SCENARIO, apply: digestMode },
  {
    name: 'OFFICER_ALERT_MODE=digest + un recordatorio por prestador',
    apply: (ctx) => {
      digestMode(ctx);
      oneReminderPerProvider(ctx);
    },
  },
  {
    name: 'La alerta de nueva solicitud solo a la lista del ministerio (MSPS_ALERT_EMAILS), no a cada funcionario activo',
    apply: alertToMailboxOnly,
  },
  { name: 'Un solo recordatorio por prestador para los dos ambientes', apply: oneReminderPerProvider },
  { name: 'La web desde un sitio estático de Blob tras el mismo Front Door (sin Static Web Apps Standard)', apply: webFromBlob },
  {
    name: 'Sin Front Door (sin WAF ni dominio en el borde: no recomendado)',
    apply: (ctx) => {
      ctx.prices.frontDoorBase.price = 0;
      ctx.prices.frontDoorRequests.price = 0;
    },
  },
  {
    name: 'outbox-dispatch cada 10 minutos en vez de cada minuto',
    apply: (ctx) => {
      ctx.usage.timersPerMonth['outbox-dispatch']!.value /= 10;
    },
  },
  {
    name: 'Alerta solo a la lista + un recordatorio por prestador',
    apply: (ctx) => {
      alertToMailboxOnly(ctx);
      oneReminderPerProvider(ctx);
    },
  },
  {
    name: 'Alerta solo a la lista + un recordatorio por prestador + web desde Blob',
    apply: (ctx) => {
      alertToMailboxOnly(ctx);
      oneReminderPerProvider(ctx);
      webFromBlob(ctx);
    },
  },
];

type Totals = { first: number; steady: number };
/** A change's bill against today's, and whether it halves it (at most half of today's total) in each month. */
export const scenarioOutcome = (name: string, base: Totals, changed: Totals) => ({
  name,
  steadyState: changed.steady,
  firstMonth: changed.first,
  halvesSteadyState: changed.steady <= base.steady / 2,
  halvesFirstMonth: changed.first <= base.first / 2,
});

export function price(measured: Measured, prices: Prices, usage: UsageModel) {
  const perOperation = clone(measured.perOperation);
  // The browser's requests for the web's files go through Front Door too (not function executions).
  for (const op of ['register', 'signIn']) perOperation[op]!.frontDoorRequests += usage.population.webRequestsPerSignIn!.value;
  const ctx: Context = { prices: clone(prices), usage: clone(usage), perOperation, timers: measured.timers };
  const base = months(ctx, measured.exportRowsPerProvider);
  const scenarios = SCENARIOS.map((scenario) => {
    const changed = clone(ctx);
    scenario.apply(changed);
    const result = months(changed, measured.exportRowsPerProvider);
    return scenarioOutcome(
      scenario.name,
      { first: base.first.total, steady: base.steady.total },
      { first: result.first.total, steady: result.steady.total },
    );
  });
  const operations = Object.entries(perOperation).map(([name, counts]) => ({
    name,
    label: LABELS[name] ?? name,
    counts,
    usdPer1000: per1000(counts, ctx.prices, base.a),
    byComponentPer1000: Object.fromEntries(COMPONENTS.map((c) => [c, costOf(counts, ctx.prices, base.a)[c] * 1000])),
  }));
  const timers = Object.entries(measured.timers).map(([name, counts]) => ({
    name,
    runsPerMonth: usage.timersPerMonth[name]?.value ?? 0,
    counts,
    usdPerMonth: costOf(counts, ctx.prices, base.a).total * (usage.timersPerMonth[name]?.value ?? 0),
  }));
  const summary = (m: MonthCost) => ({ ...m, drivers: drivers(m).map((d) => ({ ...d, item: LABELS[d.item] ?? d.item })) });
  return {
    region: 'eastus2',
    currency: 'USD',
    measured: { exportRows: measured.exportRows, exportRowsPerProvider: measured.exportRowsPerProvider, nationalExportRows: base.rows },
    operations,
    timers,
    firstMonth: summary(base.first),
    steadyState: summary(base.steady),
    scenarios,
  };
}
export type Report = ReturnType<typeof price>;

const usd = (value: number, digits = 2) => `${value.toFixed(digits)} USD`;
const n = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));

export function reportLines(report: Report): string[] {
  const lines = [
    '| Operación | Tx Table | Ops Queue | Ops Blob | Ops Key Vault | Llamadas Graph | Correos | Ejecuciones | USD por 1.000 |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const op of report.operations) {
    const c = op.counts;
    lines.push(
      `| ${op.label} | ${n(c.tableTx)} | ${n(c.queueClass1 + c.queueClass2)} | ${n(c.blobWrite + c.blobList + c.blobRead)} | ${n(c.keyVault)} | ${n(c.graph)} | ${n(c.emails)} | ${n(c.executions)} | ${op.usdPer1000.toFixed(4)} |`,
    );
  }
  lines.push(
    '',
    '| Temporizador (una corrida sin nada pendiente) | Tx Table | Ops Queue | Ops Blob | Corridas al mes | USD al mes |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const t of report.timers)
    lines.push(
      `| ${t.name} | ${n(t.counts.tableTx)} | ${n(t.counts.queueClass1 + t.counts.queueClass2)} | ${n(t.counts.blobWrite + t.counts.blobList + t.counts.blobRead)} | ${t.runsPerMonth} | ${t.usdPerMonth.toFixed(4)} |`,
    );
  lines.push('', '| Mes | Por uso | Fijo | Total |', '| --- | ---: | ---: | ---: |');
  for (const [label, m] of [
    ['Primer mes del despliegue', report.firstMonth],
    ['Régimen estable', report.steadyState],
  ] as const)
    lines.push(`| ${label} | ${usd(m.perUse)} | ${usd(m.fixedTotal)} | ${usd(m.total)} |`);
  for (const [label, m] of [
    ['primer mes', report.firstMonth],
    ['régimen estable', report.steadyState],
  ] as const)
    lines.push(
      '',
      `Tres mayores costos (${label}): ${m.drivers.map((d) => `${d.item} ${usd(d.usd)} (${Math.round(d.share * 100)} %)`).join('; ')}.`,
    );
  lines.push(
    '',
    '| Cambio (recalculado con el mismo modelo) | Régimen estable | Primer mes | ¿Reduce a la mitad? |',
    '| --- | ---: | ---: | --- |',
  );
  for (const s of report.scenarios)
    lines.push(
      `| ${s.name} | ${usd(s.steadyState)} | ${usd(s.firstMonth)} | estable: ${s.halvesSteadyState ? 'sí' : 'no'}; primer mes: ${s.halvesFirstMonth ? 'sí' : 'no'} |`,
    );
  return lines;
}

export function printReport(report: Report) {
  console.log(`\nConteos promedio por operación (región ${report.region}, precios de lista en USD):\n`);
  console.log(reportLines(report).join('\n'));
}
