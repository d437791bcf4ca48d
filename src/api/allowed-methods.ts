/**
 * The methods a path has, for answers to a method it does not have: PATCH on an appointment is
 * 405 with `Allow` (RFC 9110 §15.5.6), not 404 as if the appointment's path did not exist, and
 * OPTIONS on a known path is 204 with `Allow`. Taken from the router's own table, so it cannot drift
 * from the routes. Unknown paths stay 404.
 */
export interface RouteEntry {
  readonly method: string;
  readonly path: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A route path (`/appointments/:id/confirm`) as a pattern of request paths, a parameter being one
 * segment. Matched against the path as the router sees it (`c.req.path`), one trailing slash
 * already taken away (create-router.ts: `strict: false`).
 */
function pathPattern(path: string): RegExp {
  const segments = path.split('/').map((segment) => (segment.startsWith(':') ? '[^/]+' : escapeRegExp(segment)));
  return new RegExp(`^${segments.join('/')}$`);
}

/**
 * `routes`: the router's table (`app.routes`); middleware (method ALL, or a path with `*`) is left
 * out. Answers the sorted methods of a request path, with HEAD where GET is and OPTIONS where any
 * is, or [] for a path no route has.
 */
export function allowedMethodsOf(routes: readonly RouteEntry[]): (path: string) => string[] {
  const byPath = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  for (const { method, path } of routes) {
    if (method === 'ALL' || path.includes('*')) continue;
    let entry = byPath.get(path);
    if (!entry) byPath.set(path, (entry = { pattern: pathPattern(path), methods: new Set() }));
    entry.methods.add(method);
  }
  const entries = [...byPath.values()];
  return (path) => {
    const methods = new Set<string>();
    for (const { pattern, methods: those } of entries) if (pattern.test(path)) for (const m of those) methods.add(m);
    if (methods.size === 0) return [];
    if (methods.has('GET')) methods.add('HEAD');
    methods.add('OPTIONS');
    return [...methods].sort();
  };
}
