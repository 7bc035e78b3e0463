import { describe, expect, it } from 'vitest';
import { costOf, drivers, monthCost, per1000, zeroCounts, type Assumptions, type Prices } from '../../scripts/cost/cost-model';
import pricesFile from '../../scripts/cost/azure-prices.json';

const prices = pricesFile.prices as unknown as Prices;
const none: Assumptions = { gbSecondsPerExecution: 0, logKbPerExecution: 0, emailKb: 0, storageGb: 0, egressGbPerMonth: 0 };
const counts = (partial: Partial<ReturnType<typeof zeroCounts>>) => ({ ...zeroCounts(), ...partial });

describe('cost model arithmetic (npm run cost)', () => {
  it('prices each count at its unit price: 10,000 table transactions, 10,000 Key Vault operations, one e-mail', () => {
    expect(costOf(counts({ tableTx: 10_000 }), prices, none).tabla).toBeCloseTo(prices.tableTransaction.price, 10);
    expect(costOf(counts({ keyVault: 10_000 }), prices, none).keyVault).toBeCloseTo(0.03, 10);
    expect(costOf(counts({ emails: 1 }), prices, none).correo).toBeCloseTo(0.00025, 10);
    // Queue reads are class 2, writes and deletes class 1; blob list and write apart from reads.
    const mixed = costOf(counts({ queueClass1: 10_000, queueClass2: 20_000, blobRead: 10_000 }), prices, none);
    expect(mixed.cola).toBeCloseTo(prices.queueClass1.price + 2 * prices.queueClass2.price, 10);
    expect(mixed.blob).toBeCloseTo(prices.blobRead.price, 10);
  });

  it('adds execution time and log volume per execution, and says cost per 1,000', () => {
    const a = { ...none, gbSecondsPerExecution: 0.1, logKbPerExecution: 1024 };
    const one = costOf(counts({ executions: 1 }), prices, a);
    expect(one.funciones).toBeCloseTo(0.4 / 1e6 + 0.1 * 0.000026, 12);
    expect(one.registros).toBeCloseTo(2.3 / 1024, 10);
    expect(per1000(counts({ executions: 1 }), prices, a)).toBeCloseTo(one.total * 1000, 10);
  });

  it('multiplies counts by volumes, applies the free grants once a month and adds the fixed fees', () => {
    const month = monthCost(
      {
        perOperation: { ingreso: counts({ tableTx: 5, executions: 1 }), revelar: counts({ keyVault: 2 }) },
        volumes: { ingreso: 1_000_000, revelar: 500_000 },
        background: counts({ executions: 50_000 }),
      },
      prices,
      none,
    );
    expect(month.totals.tableTx).toBe(5_000_000);
    expect(month.totals.keyVault).toBe(1_000_000);
    expect(month.totals.executions).toBe(1_050_000);
    // 1,050,000 executions less the 250,000 free: 800,000 × 0.40 USD per million.
    expect(month.byComponent.funciones).toBeCloseTo(0.32, 6);
    expect(month.byComponent.keyVault).toBeCloseTo(3, 6);
    expect(month.fixedTotal).toBeCloseTo(35 + 9, 6);
    expect(month.total).toBeCloseTo(month.perUse + 44, 6);
    expect(drivers(month)[0]!.item).toBe('Front Door Standard (cuota base)');
  });
});
