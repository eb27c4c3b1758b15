// Configuration, parsed once from the environment; fails fast with a clear message.

import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  adminPassword: string | null;
  seedDemo: boolean;
  logLevel: string;
  sessionIdleMinutes: number;
  /** Fastify trustProxy: false, true, or the proxies' addresses/CIDRs (client address from X-Forwarded-For). */
  trustProxy: boolean | string[];
  /** The address people reach the app at; QR codes on printed certificates point here. */
  publicBaseUrl: string;
  /** Redis for the shared verification rate limits (else the database). */
  redisUrl: string | null;
  redisPrefix: string;
  verification: VerificationConfig;
  credentials: CredentialsConfig;
  auth: AuthConfig;
}

export interface AuthConfig {
  /** Roles that must use a TOTP second factor (enrolled at their first login); empty = none. */
  totpRequiredRoles: string[];
  /** Days after which a password must be changed; 0 = never (the default). */
  passwordMaxAgeDays: number;
  /** Failed logins per account name before each attempt waits (doubling from 1 s), and before a lockout. */
  backoffAfter: number;
  lockoutAfter: number;
  lockoutMinutes: number;
  /** The same per client address (higher: an office may share one address). */
  addressBackoffAfter: number;
  addressLockoutAfter: number;
  /** Public self-registrations accepted per client address and hour (every attempt counts). */
  registrationsPerHour: number;
}

export interface VerificationConfig {
  rateLimitWindowSeconds: number;
  rateLimitPerClient: number;
  rateLimitGlobal: number;
  /** Clients counted but never refused (the benchmark client): IPs or CIDRs. */
  rateLimitBypass: string[];
  /** A secret that, sent as the x-certguard-bypass header, is also never refused; null = off. */
  rateLimitBypassToken: string | null;
  recordFlushMs: number;
  recordBufferMax: number;
  recordRetentionDays: number;
  signalWindowMinutes: number;
  signalMinClients: number;
  signalMinPlaces: number;
}

export interface CredentialsConfig {
  /** 32-byte key-encryption key for the signing keys' private halves (base64 or hex); null = a key file in dataDir. */
  kek: Buffer | null;
  statusListRefreshSeconds: number;
  statusListTtlSeconds: number;
  cjkFontPath: string;
}

class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function list(env: NodeJS.ProcessEnv, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}$/;

function addressList(env: NodeJS.ProcessEnv, name: string): string[] {
  const items = list(env, name);
  for (const it of items) {
    const [addr, bits, extra] = it.split('/');
    const v4 = IPV4.test(addr ?? '');
    const v6 = !v4 && /^[0-9a-f:.]+$/i.test(addr ?? '') && (addr ?? '').includes(':');
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (v4 ? 32 : 128));
    if ((!v4 && !v6) || !bitsOk || extra !== undefined) throw new ConfigError(`${name} must be a comma-separated list of IP addresses or CIDRs, got "${it}"`);
  }
  return items;
}

function kek(env: NodeJS.ProcessEnv): Buffer | null {
  const raw = env.CREDENTIALS_KEK?.trim();
  if (!raw) return null;
  const buf = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (buf.length !== 32) throw new ConfigError('CREDENTIALS_KEK must be 32 bytes, as 64 hex digits or base64');
  return buf;
}

const TOTP_ROLES = ['admin', 'official', 'inspector', 'auditor', 'enterprise', 'institution'];

function authConfig(env: NodeJS.ProcessEnv): AuthConfig {
  const roles = env.TOTP_REQUIRED_ROLES === undefined ? ['admin', 'official', 'inspector', 'auditor'] : list(env, 'TOTP_REQUIRED_ROLES');
  const unknown = roles.filter((r) => !TOTP_ROLES.includes(r));
  if (unknown.length) throw new ConfigError(`TOTP_REQUIRED_ROLES must list roles among ${TOTP_ROLES.join(', ')}; got "${unknown.join(',')}"`);
  const backoffAfter = int(env, 'LOGIN_BACKOFF_AFTER', 5, 1, 1000);
  const addressBackoffAfter = int(env, 'LOGIN_ADDRESS_BACKOFF_AFTER', 20, 1, 100_000);
  return {
    totpRequiredRoles: roles,
    passwordMaxAgeDays: int(env, 'PASSWORD_MAX_AGE_DAYS', 0, 0, 3650),
    backoffAfter,
    lockoutAfter: int(env, 'LOGIN_LOCKOUT_AFTER', 10, backoffAfter, 1000),
    lockoutMinutes: int(env, 'LOGIN_LOCKOUT_MINUTES', 15, 1, 24 * 60),
    addressBackoffAfter,
    addressLockoutAfter: int(env, 'LOGIN_ADDRESS_LOCKOUT_AFTER', 50, addressBackoffAfter, 100_000),
    registrationsPerHour: int(env, 'REGISTRATION_RATE_LIMIT_PER_HOUR', 10, 1, 1_000_000),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new ConfigError(`DATABASE_URL must be a postgres:// URL, got "${databaseUrl.replace(/:[^:@/]*@/, ':***@')}"`);
  const adminPassword = env.ADMIN_PASSWORD?.trim() || null;
  if (adminPassword && adminPassword.length < 8) throw new ConfigError('ADMIN_PASSWORD must have at least 8 characters');
  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel))
    throw new ConfigError(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "${logLevel}"`);
  const port = int(env, 'PORT', 3000, 0, 65535);
  const trustRaw = env.TRUST_PROXY?.trim() ?? '';
  const trustProxy = trustRaw === '' || /^(0|false|no|off)$/i.test(trustRaw) ? false : /^(1|true|yes|on)$/i.test(trustRaw) ? true : addressList(env, 'TRUST_PROXY');
  const publicBaseUrl = (env.PUBLIC_BASE_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(publicBaseUrl)) throw new ConfigError(`PUBLIC_BASE_URL must be an http(s) URL, got "${publicBaseUrl}"`);
  const redisUrl = env.REDIS_URL?.trim() || null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL');
  const bypassToken = env.VERIFY_RATE_LIMIT_BYPASS_TOKEN?.trim() || null;
  if (bypassToken && bypassToken.length < 16) throw new ConfigError('VERIFY_RATE_LIMIT_BYPASS_TOKEN must have at least 16 characters');
  return {
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir: resolve(env.DATA_DIR?.trim() || './data'),
    databaseUrl,
    adminPassword,
    seedDemo: bool(env, 'SEED_DEMO', true),
    logLevel,
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    trustProxy,
    publicBaseUrl,
    redisUrl,
    redisPrefix: env.REDIS_PREFIX?.trim() || 'certguard:',
    verification: {
      rateLimitWindowSeconds: int(env, 'VERIFY_RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
      rateLimitPerClient: int(env, 'VERIFY_RATE_LIMIT_PER_CLIENT', 30, 1, 1_000_000),
      rateLimitGlobal: int(env, 'VERIFY_RATE_LIMIT_GLOBAL', 60_000, 1, 1_000_000_000),
      rateLimitBypass: addressList(env, 'VERIFY_RATE_LIMIT_BYPASS'),
      rateLimitBypassToken: bypassToken,
      // Short: buffered events that outlive a young-generation GC are copied by it (decision 020).
      recordFlushMs: int(env, 'VERIFY_RECORD_FLUSH_MS', 25, 10, 60_000),
      recordBufferMax: int(env, 'VERIFY_RECORD_BUFFER_MAX', 200_000, 100, 10_000_000),
      recordRetentionDays: int(env, 'VERIFY_RECORD_RETENTION_DAYS', 365, 1, 3650),
      signalWindowMinutes: int(env, 'VERIFY_SIGNAL_WINDOW_MINUTES', 60, 1, 30 * 24 * 60),
      signalMinClients: int(env, 'VERIFY_SIGNAL_MIN_CLIENTS', 5, 2, 1_000_000),
      signalMinPlaces: int(env, 'VERIFY_SIGNAL_MIN_PLACES', 3, 2, 1_000_000),
    },
    credentials: {
      kek: kek(env),
      statusListRefreshSeconds: int(env, 'STATUS_LIST_REFRESH_SECONDS', 300, 1, 86_400),
      statusListTtlSeconds: int(env, 'STATUS_LIST_TTL_SECONDS', 86_400, 60, 30 * 86_400),
      cjkFontPath: env.CJK_FONT_PATH?.trim() || '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    },
    auth: authConfig(env),
  };
}

export { ConfigError };
