import { useState } from 'preact/hooks';
import type { ExpiryFilter } from '../api/list-providers';
import { ExpiringList, SearchResults } from './provider-tables';

type Filter = '' | ExpiryFilter;
const filters: { value: Filter; label: string }[] = [
  { value: '', label: 'Todas' },
  { value: 'por-vencer', label: 'Por vencer (60 días)' },
  { value: 'vencidas', label: 'Vencidas' },
];

/** Actualizar Token (imagen 17): entities that have keys, found by name, NIT or habilitation code, or by expiry. */
export function AssignedProvidersPage() {
  const params = new URLSearchParams(location.search);
  const initial = params.get('q') ?? '';
  const initialFilter = (['por-vencer', 'vencidas'].includes(params.get('filtro') ?? '') ? params.get('filtro') : '') as Filter;
  const [text, setText] = useState(initial);
  const [query, setQuery] = useState(initial);
  const [filter, setFilter] = useState<Filter>(initialFilter);

  function submit(event: Event) {
    event.preventDefault();
    history.replaceState(null, '', text ? `?q=${encodeURIComponent(text)}` : location.pathname);
    setFilter('');
    setQuery(text.trim());
  }
  function choose(value: Filter) {
    history.replaceState(null, '', value ? `?filtro=${value}` : location.pathname);
    setText('');
    setQuery('');
    setFilter(value);
  }

  return (
    <>
      <h1>Actualizar Token</h1>
      <p class="lead">
        Entidades que ya tienen llaves asignadas. Busque por nombre (cualquier palabra, con o sin tildes), NIT o código de habilitación, o
        vea las llaves por vencer y vencidas.
      </p>
      <form class="search" role="search" onSubmit={submit}>
        <label for="q">Buscar entidad</label>
        <div class="search__row">
          <input
            id="q"
            type="search"
            value={text}
            maxLength={100}
            onInput={(event) => setText((event.currentTarget as HTMLInputElement).value)}
            aria-describedby="q-ayuda"
          />
          <button type="submit" class="button">
            Buscar
          </button>
        </div>
        <p class="hint" id="q-ayuda">
          Ejemplos: «clinica», «900123456», «1100100001», o un radicado «IHCE-2026-000123» (encuentra la entidad aunque aún no tenga
          llaves).
        </p>
      </form>
      <fieldset class="filters">
        <legend>Vencimiento</legend>
        {filters.map((option) => (
          <label key={option.value} class="filters__option">
            <input
              type="radio"
              name="filtro"
              value={option.value}
              checked={filter === option.value}
              onChange={() => choose(option.value)}
            />{' '}
            {option.label}
          </label>
        ))}
      </fieldset>
      {filter ? <ExpiringList key={filter} filter={filter} /> : <SearchResults query={query} />}
    </>
  );
}
