// Hooks a cross-cutting concern (access control, CSRF) attaches to the routes that need it, from an
// onRoute hook, rather than to every request: a route without hooks of a kind skips Fastify's runner
// for that kind. The concern's hook goes first, before the route's own.

type Hook = (...args: never[]) => unknown;

/** `hook` followed by a route's own hooks of that kind (none, one, or a list); added once only. */
export function firstHook<H extends Hook>(hook: H, own: H | H[] | undefined): H[] {
  const list = own === undefined ? [] : Array.isArray(own) ? own : [own];
  return list.includes(hook) ? list : [hook, ...list];
}
