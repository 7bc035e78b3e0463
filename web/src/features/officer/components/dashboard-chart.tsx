import { useEffect, useRef, useState } from 'preact/hooks';
import { DataTable } from '../../../components/data-table';

export type ChartSeries = { label: string; values: number[] };

/**
 * Colours with at least 3:1 against white (WCAG 1.4.11), and never alone: each series also has its own point
 * shape and line pattern, the legend names it, and the table below holds every number.
 */
const palette = [
  { color: '#004884', pointStyle: 'circle', dash: [] as number[] },
  { color: '#b35900', pointStyle: 'triangle', dash: [6, 4] },
  { color: '#0b6e35', pointStyle: 'rectRot', dash: [2, 3] },
] as const;

const numberFormat = new Intl.NumberFormat('es-CO');

/**
 * One chart of the Tablero: a Spanish title, a sentence that says what it shows, the canvas (an image with
 * that sentence as its name) and the same numbers as a table. chart.js comes in with `import()` here, so it
 * is fetched only when the Tablero draws; if it cannot load, the table is still there.
 */
export function DashboardChart({
  id,
  title,
  summary,
  kind,
  stacked = false,
  categoryHeader,
  categories,
  series,
}: {
  id: string;
  title: string;
  summary: string;
  kind: 'bar' | 'line';
  stacked?: boolean;
  categoryHeader: string;
  categories: string[];
  series: ChartSeries[];
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    import('./chart-setup')
      .then(({ Chart }) => {
        if (cancelled || !canvas.current) return;
        chart = new Chart(canvas.current, {
          type: kind,
          data: {
            labels: categories,
            datasets: series.map((s, i) => {
              const look = palette[i % palette.length]!;
              return {
                label: s.label,
                data: s.values,
                backgroundColor: look.color,
                borderColor: look.color,
                borderWidth: kind === 'line' ? 3 : 0,
                borderDash: kind === 'line' ? [...look.dash] : [],
                pointStyle: look.pointStyle,
                pointRadius: kind === 'line' ? 5 : 0,
              };
            }),
          },
          options: {
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } } },
            scales: {
              x: { stacked, ticks: { color: '#333333' } },
              y: { stacked, beginAtZero: true, ticks: { precision: 0, color: '#333333' } },
            },
          },
        });
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [kind, stacked, JSON.stringify(categories), JSON.stringify(series)]);

  const rows = categories.map((category, index) => ({ category, index }));
  return (
    <figure class="dashboard-chart" aria-labelledby={`${id}-titulo`}>
      <h2 id={`${id}-titulo`}>{title}</h2>
      <p class="dashboard-chart__summary">{summary}</p>
      {!failed && (
        <div class="dashboard-chart__canvas">
          <canvas ref={canvas} role="img" aria-label={`Gráfico: ${title}. ${summary} Los datos están en la tabla siguiente.`} />
        </div>
      )}
      <DataTable
        caption={`${title} (datos del gráfico)`}
        columns={[
          { header: categoryHeader, cell: (row: { category: string; index: number }) => row.category },
          ...series.map((s) => ({ header: s.label, cell: (row: { index: number }) => numberFormat.format(s.values[row.index] ?? 0) })),
        ]}
        items={rows}
        rowKey={(row) => row.category}
      />
    </figure>
  );
}
