import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { formatDate, formatDateTime } from '../my-keys';
import type { AssignedItem, ExpiringItem, Page, PendingItem } from '../officer-types';
import { onLinkClick } from '../router';

function usePaged<T>(path: (cursor?: string) => string, deps: unknown[]) {
  const [items, setItems] = useState<T[] | undefined>();
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function load(next?: string) {
    setBusy(true);
    setError(undefined);
    try {
      const page = await api<Page<T>>('GET', path(next));
      setItems((current) => (next ? [...(current ?? []), ...page.items] : page.items));
      setCursor(page.cursor);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }
  useEffect(() => void load(), deps);
  return { items, cursor, error, busy, more: () => load(cursor) };
}

/** The row's action: opens the provider page (Ingresar Info / Actualizar Info). */
function ProviderLink({ nit, name, action }: { nit: string; name: string; action: string }) {
  return (
    <a class="button button--small" href={`/funcionario/prestadores/${nit}`} onClick={onLinkClick} aria-label={`${action} de ${name}`}>
      {action}
    </a>
  );
}

/** What a list shows around its table: an error, «Cargando…», or the empty message (announced). */
function ListState({ items, error, empty }: { items: unknown[] | undefined; error: string | undefined; empty: string }) {
  return (
    <>
      {error && (
        <div class="notice notice--error" role="alert">
          {error}
        </div>
      )}
      {!items && !error && <p aria-busy="true">Cargando…</p>}
      <div aria-live="polite">{items && items.length === 0 && <div class="notice">{empty}</div>}</div>
    </>
  );
}

function MoreButton({ cursor, busy, onClick }: { cursor?: string | undefined; busy: boolean; onClick: () => void }) {
  if (!cursor) return null;
  return (
    <p>
      <button type="button" class="button button--secondary" onClick={onClick} disabled={busy}>
        {busy ? 'Cargando…' : 'Ver más'}
      </button>
    </p>
  );
}

/** Asignar Token (seed 6.4.2.1, imagen 16): entities waiting for keys, oldest first. */
export function PendingRequestsPage() {
  const { items, cursor, error, busy, more } = usePaged<PendingItem>(
    (next) => `requests?status=pending${next ? `&cursor=${encodeURIComponent(next)}` : ''}`,
    [],
  );
  return (
    <>
      <h1>Asignar Token</h1>
      <p class="lead">
        Entidades que solicitaron o resolicitaron llaves de acceso y esperan asignación, de la más antigua a la más reciente.
      </p>
      <ListState items={items} error={error} empty="No hay solicitudes pendientes." />
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <caption>
              Solicitudes pendientes ({items.length}
              {cursor ? '+' : ''})
            </caption>
            <thead>
              <tr>
                <th scope="col">Entidad</th>
                <th scope="col">NIT</th>
                <th scope="col">Códigos de habilitación</th>
                <th scope="col">Departamento / municipio</th>
                <th scope="col">Solicitud</th>
                <th scope="col">Fecha</th>
                <th scope="col">Días en espera</th>
                <th scope="col">
                  <span class="visually-hidden">Acción</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.requestId}>
                  <td>{item.name}</td>
                  <td>
                    {item.nit}-{item.checkDigit}
                  </td>
                  <td>{item.habilitationCodes.join(', ')}</td>
                  <td>
                    {item.department} / {item.municipality}
                  </td>
                  <td>{item.kindLabel}</td>
                  <td>{formatDateTime(item.since)}</td>
                  <td>{item.daysWaiting}</td>
                  <td>
                    <ProviderLink nit={item.nit} name={item.name} action="Ingresar Info" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MoreButton cursor={cursor} busy={busy} onClick={more} />
    </>
  );
}

type Filter = '' | 'por-vencer' | 'vencidas';
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
          Ejemplos: «clinica», «900123456», «1100100001».
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

function SearchResults({ query }: { query: string }) {
  const { items, cursor, error, busy, more } = usePaged<AssignedItem>(
    (next) => `providers?assigned=true&q=${encodeURIComponent(query)}${next ? `&cursor=${encodeURIComponent(next)}` : ''}`,
    [query],
  );
  return (
    <>
      <ListState items={items} error={error} empty={`No se encontraron entidades con llaves${query ? ` para «${query}»` : ''}.`} />
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <caption>Entidades con llaves{query ? ` que coinciden con «${query}»` : ''}</caption>
            <thead>
              <tr>
                <th scope="col">Entidad</th>
                <th scope="col">NIT</th>
                <th scope="col">Códigos de habilitación</th>
                <th scope="col">Vence (preproducción / producción)</th>
                <th scope="col">
                  <span class="visually-hidden">Acción</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.nit}>
                  <td>{item.name}</td>
                  <td>
                    {item.nit}-{item.checkDigit}
                  </td>
                  <td>{item.habilitationCodes.join(', ')}</td>
                  <td>
                    {item.expiresOn.preproduction ? formatDate(item.expiresOn.preproduction) : '—'} /{' '}
                    {item.expiresOn.production ? formatDate(item.expiresOn.production) : '—'}
                  </td>
                  <td>
                    <ProviderLink nit={item.nit} name={item.name} action="Actualizar Info" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MoreButton cursor={cursor} busy={busy} onClick={more} />
    </>
  );
}

/** «Por vencer» (soonest first) or «Vencidas» (oldest first): one row per entity and environment. */
function ExpiringList({ filter }: { filter: 'por-vencer' | 'vencidas' }) {
  const { items, cursor, error, busy, more } = usePaged<ExpiringItem>(
    (next) => `providers?filtro=${filter}${next ? `&cursor=${encodeURIComponent(next)}` : ''}`,
    [filter],
  );
  const title = filter === 'vencidas' ? 'Llaves vencidas' : 'Llaves que vencen en los próximos 60 días';
  return (
    <>
      <ListState
        items={items}
        error={error}
        empty={filter === 'vencidas' ? 'No hay llaves vencidas.' : 'No hay llaves por vencer en los próximos 60 días.'}
      />
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">Entidad</th>
                <th scope="col">NIT</th>
                <th scope="col">Ambiente</th>
                <th scope="col">Vence</th>
                <th scope="col">{filter === 'vencidas' ? 'Días vencida' : 'Días restantes'}</th>
                <th scope="col">
                  <span class="visually-hidden">Acción</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={`${item.nit}-${item.environment}`}>
                  <td>{item.name}</td>
                  <td>
                    {item.nit}-{item.checkDigit}
                  </td>
                  <td>{item.environmentLabel}</td>
                  <td>{formatDate(item.expiresOn)}</td>
                  <td>{Math.abs(item.daysLeft)}</td>
                  <td>
                    <ProviderLink nit={item.nit} name={item.name} action="Actualizar Info" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MoreButton cursor={cursor} busy={busy} onClick={more} />
    </>
  );
}
