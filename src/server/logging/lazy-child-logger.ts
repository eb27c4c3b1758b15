// Fastify gives every request its own child logger (bound to the request id, at the route's level).
// Building a pino child costs a few microseconds — more when the route sets a level, which rebuilds
// every log method — and most requests of a busy public route never log a line. The child is
// therefore built on the first call that will actually write: calls below the level return at once.

import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';

type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildOptions = NonNullable<Parameters<FastifyBaseLogger['child']>[1]>;
type Method = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

const LEVEL_VALUES: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

// The last parent asked about, and its level values: every request's logger has the same parent.
let lastParent: object | null = null;
let lastValues: Record<string, number> = LEVEL_VALUES;

/** The parent's level values (pino's `levels.values`). */
function levelValues(parent: FastifyBaseLogger): Record<string, number> {
  if (parent !== lastParent) {
    lastValues = (parent as { levels?: { values?: Record<string, number> } }).levels?.values ?? LEVEL_VALUES;
    lastParent = parent;
  }
  return lastValues;
}

/** The numeric threshold of a level name as the parent logger knows it. */
function levelValue(parent: FastifyBaseLogger, level: string): number {
  return levelValues(parent)[level] ?? LEVEL_VALUES[level] ?? LEVEL_VALUES.info!;
}

export class LazyChildLogger {
  private real: FastifyBaseLogger | null = null;
  private threshold: number;

  constructor(
    private parent: FastifyBaseLogger,
    private bindings: Bindings,
    private options: ChildOptions,
  ) {
    this.threshold = levelValue(parent, options.level ?? parent.level);
  }

  /** The child logger itself, built now if no call has needed it yet. */
  materialize(): FastifyBaseLogger {
    return (this.real ??= this.parent.child(this.bindings, this.options));
  }

  /** Whether a child has been built (for tests). */
  get built(): boolean {
    return this.real !== null;
  }

  get level(): string {
    return this.real ? this.real.level : (this.options.level ?? this.parent.level);
  }

  set level(level: string) {
    this.materialize().level = level;
    this.threshold = levelValue(this.parent, level);
  }

  private call(method: Method, args: unknown[]): void {
    if (levelValue(this.parent, method) < this.threshold) return;
    (this.materialize()[method] as (...a: unknown[]) => void)(...args);
  }

  fatal(...args: unknown[]): void {
    this.call('fatal', args);
  }
  error(...args: unknown[]): void {
    this.call('error', args);
  }
  warn(...args: unknown[]): void {
    this.call('warn', args);
  }
  info(...args: unknown[]): void {
    this.call('info', args);
  }
  debug(...args: unknown[]): void {
    this.call('debug', args);
  }
  trace(...args: unknown[]): void {
    this.call('trace', args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return this.materialize().child(bindings, options);
  }
}

/** Fastify's `childLoggerFactory`: a LazyChildLogger in place of pino's child. */
export const lazyChildLoggerFactory: NonNullable<FastifyServerOptions['childLoggerFactory']> = (logger, bindings, options) =>
  new LazyChildLogger(logger, bindings, options) as unknown as FastifyBaseLogger;
