// TypeScript (NodeNext) types a CommonJS default import as the whole `module.exports`, while
// Vite hands over `exports.default`. This accepts either shape and returns the value itself.
export function cjsDefault<T>(mod: T | { default: T }): T {
  return typeof mod === 'object' && mod !== null && 'default' in mod ? (mod as { default: T }).default : (mod as T);
}
