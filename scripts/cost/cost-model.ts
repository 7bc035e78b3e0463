/**
 * The arithmetic of `npm run cost`, apart from any measuring: counts measured per operation × the prices of
 * azure-prices.json × the monthly volumes of usage-model.json. Pure functions, so a test can check each sum.
 */
export const COUNT_KEYS = [
  'tableTx',
  'queueClass1',
  'queueClass2',
  'blobWrite',
  'blobList',
  'blobRead',
  'keyVault',
  'graph',
  'emails',
  'executions',
  'frontDoorRequests',
] as const;
export type CountKey = (typeof COUNT_KEYS)[number];
/** What one operation (or one month of timers) does at the platform's edges. */
export type OperationCounts = Record<CountKey, number>;
export const zeroCounts = (): OperationCounts => Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as OperationCounts;

export type PriceEntry = { price: number; per: number };
export type PriceKey =
  | 'tableTransaction'
  | 'queueClass1'
  | 'queueClass2'
  | 'blobWrite'
  | 'blobList'
  | 'blobRead'
  | 'keyVaultOperation'
  | 'functionsExecution'
  | 'functionsGbSecond'
  | 'functionsFreeExecutions'
  | 'functionsFreeGbSeconds'
  | 'emailMessage'
  | 'emailMegabyte'
  | 'frontDoorBase'
  | 'frontDoorRequests'
  | 'frontDoorEgressGb'
  | 'staticWebAppStandard'
  | 'logAnalyticsGb'
  | 'logAnalyticsFreeGb'
  | 'storageGbMonth';
export type Prices = Record<PriceKey, PriceEntry>;
/** The usage figures the arithmetic needs besides the volumes. */
export type Assumptions = {
  gbSecondsPerExecution: number;
  logKbPerExecution: number;
  emailKb: number;
  storageGb: number;
  egressGbPerMonth: number;
};

export const COMPONENTS = ['tabla', 'cola', 'blob', 'keyVault', 'funciones', 'correo', 'frontDoor', 'registros'] as const;
export type Component = (typeof COMPONENTS)[number];
export type Breakdown = Record<Component, number>;

const unit = (prices: Prices, key: PriceKey) => prices[key].price / prices[key].per;
const sum = (b: Breakdown) => COMPONENTS.reduce((total, c) => total + b[c], 0);

/**
 * USD of the given counts at list price, without free grants: the marginal cost of an operation. Graph calls
 * are not billed (Microsoft Graph has no per-call price for these APIs); they are counted, not priced.
 */
export function costOf(counts: OperationCounts, prices: Prices, a: Assumptions): Breakdown & { total: number } {
  const breakdown: Breakdown = {
    tabla: counts.tableTx * unit(prices, 'tableTransaction'),
    cola: counts.queueClass1 * unit(prices, 'queueClass1') + counts.queueClass2 * unit(prices, 'queueClass2'),
    blob:
      counts.blobWrite * unit(prices, 'blobWrite') +
      counts.blobList * unit(prices, 'blobList') +
      counts.blobRead * unit(prices, 'blobRead'),
    keyVault: counts.keyVault * unit(prices, 'keyVaultOperation'),
    funciones:
      counts.executions * unit(prices, 'functionsExecution') +
      counts.executions * a.gbSecondsPerExecution * unit(prices, 'functionsGbSecond'),
    correo: counts.emails * (unit(prices, 'emailMessage') + (a.emailKb / 1024) * unit(prices, 'emailMegabyte')),
    frontDoor: counts.frontDoorRequests * unit(prices, 'frontDoorRequests'),
    registros: ((counts.executions * a.logKbPerExecution) / 1024 / 1024) * unit(prices, 'logAnalyticsGb'),
  };
  return { ...breakdown, total: sum(breakdown) };
}

export function addCounts(target: OperationCounts, counts: OperationCounts, times = 1): OperationCounts {
  for (const key of COUNT_KEYS) target[key] += counts[key] * times;
  return target;
}

export type MonthInput = {
  /** Counts of one occurrence of each operation. */
  perOperation: Record<string, OperationCounts>;
  /** How many times each operation happens in the month. */
  volumes: Record<string, number>;
  /** The month's timers and idle queue polls, already multiplied out. */
  background: OperationCounts;
};

export type MonthCost = {
  /** Per-use cost of each operation in the month (list price, before free grants). */
  byOperation: Record<string, number>;
  background: number;
  /** Free grants of Functions and Log Analytics, as a negative amount. */
  freeGrants: number;
  fixed: { frontDoorBase: number; staticWebApp: number; storageCapacity: number; frontDoorEgress: number };
  byComponent: Breakdown;
  perUse: number;
  fixedTotal: number;
  total: number;
  totals: OperationCounts;
};

/** One month: every operation × its volume, the background, the free grants and the fixed monthly fees. */
export function monthCost(input: MonthInput, prices: Prices, a: Assumptions): MonthCost {
  const totals = addCounts(zeroCounts(), input.background);
  const byOperation: Record<string, number> = {};
  for (const [name, counts] of Object.entries(input.perOperation)) {
    const volume = input.volumes[name] ?? 0;
    addCounts(totals, counts, volume);
    byOperation[name] = costOf(counts, prices, a).total * volume;
  }
  const listed = costOf(totals, prices, a);
  const grantExecutions = Math.min(totals.executions, prices.functionsFreeExecutions.price) * unit(prices, 'functionsExecution');
  const grantGbSeconds =
    Math.min(totals.executions * a.gbSecondsPerExecution, prices.functionsFreeGbSeconds.price) * unit(prices, 'functionsGbSecond');
  const logGb = (totals.executions * a.logKbPerExecution) / 1024 / 1024;
  const grantLogs = Math.min(logGb, prices.logAnalyticsFreeGb.price) * unit(prices, 'logAnalyticsGb');
  const freeGrants = -(grantExecutions + grantGbSeconds + grantLogs);
  const { total: _listedTotal, ...listedBreakdown } = listed;
  const byComponent: Breakdown = {
    ...listedBreakdown,
    funciones: listed.funciones - grantExecutions - grantGbSeconds,
    registros: listed.registros - grantLogs,
  };
  const fixed = {
    frontDoorBase: prices.frontDoorBase.price,
    staticWebApp: prices.staticWebAppStandard.price,
    storageCapacity: a.storageGb * unit(prices, 'storageGbMonth'),
    frontDoorEgress: a.egressGbPerMonth * unit(prices, 'frontDoorEgressGb'),
  };
  const perUse = sum(byComponent);
  const fixedTotal = fixed.frontDoorBase + fixed.staticWebApp + fixed.storageCapacity + fixed.frontDoorEgress;
  return {
    byOperation,
    background: costOf(input.background, prices, a).total,
    freeGrants,
    fixed,
    byComponent,
    perUse,
    fixedTotal,
    total: perUse + fixedTotal,
    totals,
  };
}

/** The biggest items of a month's bill: fixed fees, each operation's per-use cost, the background. */
export function drivers(month: MonthCost, top = 3): { item: string; usd: number; share: number }[] {
  const items: [string, number][] = [
    ['Front Door Standard (cuota base)', month.fixed.frontDoorBase],
    ['Static Web Apps Standard', month.fixed.staticWebApp],
    ['Capacidad de almacenamiento', month.fixed.storageCapacity],
    ['Salida de datos por Front Door', month.fixed.frontDoorEgress],
    ['Temporizadores y sondeos de colas', month.background],
    ...Object.entries(month.byOperation),
  ];
  return items
    .sort((x, y) => y[1] - x[1])
    .slice(0, top)
    .map(([item, usd]) => ({ item, usd, share: usd / month.total }));
}

export const per1000 = (counts: OperationCounts, prices: Prices, a: Assumptions) => costOf(counts, prices, a).total * 1000;
