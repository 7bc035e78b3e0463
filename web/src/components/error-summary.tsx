import { useEffect, useRef } from 'preact/hooks';
import type { SummaryItem } from '../lib/forms';
import { MessageText } from './message-text';

/**
 * The GOV.UK-style error summary: announced at once (role="alert"), focused so keyboard and screen-reader
 * users land on it, and each error links to its field.
 */
export function ErrorSummary({ title, items, version }: { title: string; items: SummaryItem[]; version: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (items.length > 0) ref.current?.focus();
  }, [version]);
  if (items.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="resumen-errores-titulo">
      <h2 id="resumen-errores-titulo">{title}</h2>
      <ul>
        {items.map((item, index) => (
          <li key={index}>
            {item.field ? (
              <a
                href={`#${item.field}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(item.field!)?.focus();
                }}
              >
                {item.message}
              </a>
            ) : (
              <MessageText text={item.message} />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
