/**
 * Azure Functions route templates, as the host reads them: literal segments, `{name}`, `{name?}` (optional,
 * last), `{name:constraint}` (int, alpha, guid… checked loosely) and `{*rest}` (catch-all).
 */
export type RouteMatcher = (path: string) => Record<string, string> | undefined;

const constraints: Record<string, RegExp> = {
  int: /^-?\d+$/,
  long: /^-?\d+$/,
  alpha: /^[A-Za-z]+$/,
  guid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  bool: /^(true|false)$/i,
};

export function compileRoute(template: string): RouteMatcher {
  const parts = template.split('/').filter(Boolean);
  return (path) => {
    const segments = path.split('/').filter(Boolean);
    const params: Record<string, string> = {};
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const segment = segments[i];
      const token = /^\{(\*)?([A-Za-z_][A-Za-z0-9_]*)(?::([a-z]+))?(\?)?\}$/.exec(part);
      if (!token) {
        if (segment === undefined || segment.toLowerCase() !== part.toLowerCase()) return undefined;
        continue;
      }
      const [, catchAll, name = '', constraint, optional] = token;
      if (catchAll) {
        params[name] = segments.slice(i).map(decodeURIComponent).join('/');
        return params;
      }
      if (segment === undefined) {
        if (optional) continue;
        return undefined;
      }
      const value = safeDecode(segment);
      if (value === undefined) return undefined;
      if (constraint && constraints[constraint] && !constraints[constraint].test(value)) return undefined;
      params[name] = value;
    }
    return segments.length <= parts.length ? params : undefined;
  };
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
