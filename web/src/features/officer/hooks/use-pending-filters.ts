import { useEffect, useState } from 'preact/hooks';
import type { PendingListQuery } from '../api/list-requests';

/** Asignar Token's filters and page as the address bar carries them: they survive a reload and «Atrás». */
export type PendingView = Pick<PendingListQuery, 'departamento' | 'tipo' | 'antiguedad' | 'orden'> & { pagina: number; limite?: string };
const FILTER_NAMES = ['departamento', 'tipo', 'antiguedad'] as const;

/** Read as typed: a wrong value reaches the API, which answers in Spanish what is wrong with it. */
export function viewFrom(search: string): PendingView {
  const params = new URLSearchParams(search);
  const value = (name: string) => params.get(name) || undefined;
  const page = Number(params.get('pagina') ?? '1');
  return {
    departamento: value('departamento'),
    tipo: value('tipo') as PendingView['tipo'],
    antiguedad: value('antiguedad') as PendingView['antiguedad'],
    orden: value('orden') as PendingView['orden'],
    limite: value('limite'),
    pagina: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** `?departamento=…&tipo=…` of the filters only (no page, no order): what a provider page opened from the list keeps. */
export function filterQuery(search: string): string {
  const params = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value) kept.set(name, value);
  }
  const text = kept.toString();
  return text ? `?${text}` : '';
}

export function queryOf(view: PendingView): string {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) if (view[name]) params.set(name, view[name]!);
  if (view.orden && view.orden !== 'antiguas') params.set('orden', view.orden);
  if (view.limite) params.set('limite', view.limite);
  if (view.pagina > 1) params.set('pagina', String(view.pagina));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The view in the address bar; `change` pushes a new entry, so «Atrás» returns to the previous filters. */
export function usePendingView() {
  const [view, setView] = useState(() => viewFrom(location.search));
  useEffect(() => {
    const update = () => setView(viewFrom(location.search));
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  function change(next: PendingView) {
    history.pushState(null, '', `${location.pathname}${queryOf(next)}`);
    setView(next);
  }
  return { view, change };
}
