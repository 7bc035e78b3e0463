import { useEffect, useState } from 'preact/hooks';
import { DataTable } from '../../../components/data-table';
import { ApiError } from '../../../lib/api-client';
import { formatDateTime, withStop } from '../../../lib/format';
import { dashboardExportHref, getDashboard, type DashboardFigures } from '../api/get-dashboard';
import { DashboardChart } from './dashboard-chart';

const count = new Intl.NumberFormat('es-CO');
const decimal = new Intl.NumberFormat('es-CO', { maximumFractionDigits: 1 });
const weekLabel = new Intl.DateTimeFormat('es-CO', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const plural = (n: number, one: string, many: string) => `${count.format(n)} ${n === 1 ? one : many}`;
const businessDays = (days: number) => `${decimal.format(days)} ${days === 1 ? 'día hábil' : 'días hábiles'}`;

/** The officials' Tablero: figures from GET /api/dashboard, each chart with its sentence and its table, and the CSV exports. */
export function DashboardPage() {
  const [figures, setFigures] = useState<DashboardFigures | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    getDashboard().then(setFigures, (failure: unknown) =>
      setError(failure instanceof ApiError ? failure.message : 'No fue posible cargar las cifras del Tablero. Intente de nuevo.'),
    );
  }, []);
  if (error)
    return (
      <div class="notice notice--error" role="alert">
        {error}
      </div>
    );
  if (!figures) return <p aria-busy="true">Calculando las cifras…</p>;
  return (
    <div class="dashboard">
      <p class="lead">
        {withStop(`Solicitudes de llaves y llaves asignadas, calculadas el ${formatDateTime(figures.generatedAt)}`)} Los días hábiles
        cuentan de lunes a viernes (sin descontar festivos).
      </p>
      <Highlights figures={figures} />
      <PendingByAge figures={figures} />
      <Weekly figures={figures} />
      <Expiring figures={figures} />
      <ByDepartment figures={figures} />
      <Exports />
    </div>
  );
}

function Highlights({ figures }: { figures: DashboardFigures }) {
  const { pending, timeToAssign, holders, rejections } = figures;
  return (
    <dl class="dashboard-stats">
      <div>
        <dt>Solicitudes pendientes</dt>
        <dd>
          <strong>{count.format(pending.total)}</strong>
          <span>
            {plural(pending.first, 'de Inscripción', 'de Inscripción')}, {plural(pending.renewal, 'de Resolicitud', 'de Resolicitud')}
          </span>
        </dd>
      </div>
      <div>
        <dt>Espera más larga</dt>
        <dd>
          <strong>{pending.oldest ? plural(pending.oldest.days, 'día', 'días') : 'Ninguna'}</strong>
          <span>
            {pending.oldest
              ? `Desde el ${formatDateTime(pending.oldest.since)}${pending.oldest.radicado ? ` (${pending.oldest.radicado})` : ''}`
              : 'No hay solicitudes en espera'}
          </span>
        </dd>
      </div>
      <div>
        <dt>Tiempo para asignar (últimos 30 días)</dt>
        <dd>
          <strong>{timeToAssign.median === undefined ? 'Sin datos' : `Mediana: ${businessDays(timeToAssign.median)}`}</strong>
          <span>
            {timeToAssign.p90 === undefined
              ? 'Ninguna asignación en los últimos 30 días'
              : `Percentil 90: ${businessDays(timeToAssign.p90)}; ${plural(timeToAssign.sample, 'asignación', 'asignaciones')}`}
          </span>
        </dd>
      </div>
      <div>
        <dt>Prestadores con llaves</dt>
        <dd>
          <strong>{holders.map((h) => `${h.label}: ${count.format(h.providers)}`).join(' · ')}</strong>
        </dd>
      </div>
      <div>
        <dt>Rechazos</dt>
        <dd>
          <strong>{plural(rejections.last30Days, 'en los últimos 30 días', 'en los últimos 30 días')}</strong>
          <span>{plural(rejections.last12Weeks, 'en las últimas 12 semanas', 'en las últimas 12 semanas')}</span>
        </dd>
      </div>
    </dl>
  );
}

function PendingByAge({ figures }: { figures: DashboardFigures }) {
  const { pending } = figures;
  const summary =
    pending.total === 0
      ? 'No hay solicitudes pendientes.'
      : `${plural(pending.total, 'solicitud pendiente', 'solicitudes pendientes')}: ${count.format(pending.first)} de Inscripción y ${count.format(pending.renewal)} de Resolicitud. La más antigua espera ${plural(pending.oldest?.days ?? 0, 'día', 'días')}.${pending.truncated ? ' Hay más solicitudes de las que el Tablero cuenta: se muestran las más antiguas.' : ''}`;
  return (
    <DashboardChart
      id="pendientes-antiguedad"
      title="Solicitudes pendientes por antigüedad"
      summary={summary}
      kind="bar"
      stacked
      categoryHeader="Tiempo de espera"
      categories={pending.byAge.map((band) => band.label)}
      series={[
        { label: 'Inscripción Token', values: pending.byAge.map((band) => band.first) },
        { label: 'Resolicitud Token', values: pending.byAge.map((band) => band.renewal) },
      ]}
    />
  );
}

function Weekly({ figures }: { figures: DashboardFigures }) {
  const { weeks } = figures;
  const sum = (pick: (w: DashboardFigures['weeks'][number]) => number) => weeks.reduce((total, w) => total + pick(w), 0);
  const current = weeks.at(-1)!;
  const summary = `En las últimas 12 semanas se recibieron ${plural(
    sum((w) => w.received),
    'solicitud',
    'solicitudes',
  )}, se asignaron llaves en ${plural(
    sum((w) => w.assigned),
    'solicitud',
    'solicitudes',
  )} y se rechazaron ${count.format(sum((w) => w.rejected))}. Esta semana: ${count.format(current.received)} recibidas y ${count.format(current.assigned)} asignadas.`;
  return (
    <DashboardChart
      id="por-semana"
      title="Solicitudes recibidas y asignadas por semana"
      summary={summary}
      kind="line"
      categoryHeader="Semana del"
      categories={weeks.map((w) => weekLabel.format(new Date(`${w.week}T00:00:00Z`)))}
      series={[
        { label: 'Recibidas', values: weeks.map((w) => w.received) },
        { label: 'Asignadas', values: weeks.map((w) => w.assigned) },
        { label: 'Rechazadas', values: weeks.map((w) => w.rejected) },
      ]}
    />
  );
}

function Expiring({ figures }: { figures: DashboardFigures }) {
  const [pre, prod] = figures.expiring;
  const summary = `En los próximos 90 días vencen ${plural(pre?.within90 ?? 0, 'llave', 'llaves')} de Preproducción y ${count.format(prod?.within90 ?? 0)} de Producción; en los próximos 30 días, ${count.format(pre?.within30 ?? 0)} y ${count.format(prod?.within30 ?? 0)}.`;
  return (
    <DashboardChart
      id="vencimientos"
      title="Llaves que vencen en los próximos 30, 60 y 90 días"
      summary={summary}
      kind="bar"
      categoryHeader="Vencen en"
      categories={['30 días o menos', '60 días o menos', '90 días o menos']}
      series={figures.expiring.map((e) => ({ label: e.label, values: [e.within30, e.within60, e.within90] }))}
    />
  );
}

function ByDepartment({ figures }: { figures: DashboardFigures }) {
  const rows = figures.pending.byDepartment;
  return (
    <section aria-labelledby="por-departamento">
      <h2 id="por-departamento">Solicitudes pendientes por departamento</h2>
      {rows.length === 0 ? (
        <p>No hay solicitudes pendientes.</p>
      ) : (
        <DataTable
          caption="Solicitudes pendientes por departamento del prestador (sede principal en el directorio)"
          columns={[
            { header: 'Departamento', cell: (row: (typeof rows)[number]) => row.department },
            { header: 'Pendientes', cell: (row: (typeof rows)[number]) => count.format(row.total) },
          ]}
          items={rows}
          rowKey={(row) => row.department}
        />
      )}
    </section>
  );
}

function Exports() {
  return (
    <section aria-labelledby="descargas">
      <h2 id="descargas">Descargar CSV (Excel)</h2>
      <p>
        Archivos separados por punto y coma, en UTF-8, que Excel abre con tildes y eñes. No incluyen ningún ClientID, ClientSecret ni otra
        credencial: solo fechas y estados. Cada descarga queda en la trazabilidad.
      </p>
      <ul class="dashboard-exports">
        <li>
          <a href={dashboardExportHref('pendientes')} download>
            Solicitudes pendientes (CSV)
          </a>
        </li>
        <li>
          <a href={dashboardExportHref('llaves')} download>
            Llaves por prestador con su fecha de expiración (CSV)
          </a>
        </li>
      </ul>
    </section>
  );
}
