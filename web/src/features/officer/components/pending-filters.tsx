import { useState } from 'preact/hooks';
import type { RequestsSummary } from '../api/get-requests-summary';
import type { PendingView } from '../hooks/use-pending-filters';

const kinds = [
  { value: '', label: 'Todas' },
  { value: 'inscripcion', label: 'Inscripción (primera vez)' },
  { value: 'resolicitud', label: 'Resolicitud' },
];
const ages = [
  { value: '', label: 'Cualquiera' },
  { value: '3', label: 'Más de 3 días' },
  { value: '7', label: 'Más de 7 días' },
  { value: '15', label: 'Más de 15 días' },
  { value: '30', label: 'Más de 30 días' },
];
const sizes = [
  { value: '10', label: '10' },
  { value: '20', label: '20' },
  { value: '50', label: '50' },
];
const orders = [
  { value: 'antiguas', label: 'Más antiguas primero' },
  { value: 'recientes', label: 'Más recientes primero' },
];

type Choice = { value: string; label: string };
function Select({
  id,
  label,
  value,
  choices,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  choices: Choice[];
  onChange: (v: string) => void;
}) {
  return (
    <div class="queue-filters__field">
      <label for={id}>{label}</label>
      <select id={id} name={id} value={value} onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value)}>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Asignar Token's filters: department (those with requests waiting, from the directory), kind and age, and the
 * order; combinable. «Filtrar» applies them (a choice alone does not reload the list under the keyboard).
 */
export function PendingFilters({
  view,
  summary,
  onApply,
}: {
  view: PendingView;
  summary: RequestsSummary | undefined;
  onApply: (view: PendingView) => void;
}) {
  const [draft, setDraft] = useState(view);
  const set = (name: keyof PendingView) => (value: string) => setDraft({ ...draft, [name]: value || undefined });
  const departments: Choice[] = [
    { value: '', label: 'Todos' },
    ...(summary?.departments ?? []).map((d) => ({ value: d.key, label: `${d.name} (${d.count})` })),
  ];
  // A department from the address bar with nothing waiting still shows as chosen.
  if (draft.departamento && !departments.some((d) => d.value === draft.departamento))
    departments.push({ value: draft.departamento, label: draft.departamento });

  const sizeChoices = sizes.some((size) => size.value === (draft.limite ?? '50'))
    ? sizes
    : [...sizes, { value: draft.limite!, label: draft.limite! }];

  function submit(event: Event) {
    event.preventDefault();
    onApply({ ...draft, pagina: 1 });
  }
  function clear() {
    const empty: PendingView = { pagina: 1, ...(draft.limite && { limite: draft.limite }) };
    setDraft(empty);
    onApply(empty);
  }
  return (
    <form class="queue-filters" onSubmit={submit} aria-label="Filtrar solicitudes pendientes">
      <Select
        id="departamento"
        label="Departamento"
        value={draft.departamento ?? ''}
        choices={departments}
        onChange={set('departamento')}
      />
      <Select id="tipo" label="Tipo de solicitud" value={draft.tipo ?? ''} choices={kinds} onChange={set('tipo')} />
      <Select id="antiguedad" label="Tiempo en espera" value={draft.antiguedad ?? ''} choices={ages} onChange={set('antiguedad')} />
      <Select id="orden" label="Orden" value={draft.orden ?? 'antiguas'} choices={orders} onChange={set('orden')} />
      <Select id="limite" label="Solicitudes por página" value={draft.limite ?? '50'} choices={sizeChoices} onChange={set('limite')} />
      <div class="queue-filters__actions">
        <button type="submit" class="button">
          Filtrar
        </button>
        <button type="button" class="button button--secondary" onClick={clear}>
          Quitar filtros
        </button>
      </div>
    </form>
  );
}
