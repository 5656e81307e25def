import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { passwordProblem } from '../auth/password-policy';

export const DEV_JWT_SECRET = 'yingbao-dev-secret-change-me';
export const DEV_ADMIN_PASSWORD = 'Admin@2026';

/** Everything the process reads from its environment, validated once at boot. */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsString()
  @IsUrlLike('postgres')
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/yingbao';

  @IsString()
  @IsUrlLike('redis')
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Redis Sentinel addresses (`host:port,host:port`): when set, every Redis client asks them for the master REDIS_SENTINEL_NAME. */
  @IsOptional()
  @Matches(/^\s*[^\s,:]+(:\d{1,5})?\s*(,\s*[^\s,:]+(:\d{1,5})?\s*)*$/, { message: 'must be host:port,host:port' })
  REDIS_SENTINELS?: string;

  /** The master's name the sentinels monitor (`sentinel monitor <name> ...`). */
  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'must be a Sentinel master name (letters, digits, . _ -)' })
  REDIS_SENTINEL_NAME = 'mymaster';

  /** Read replicas of DATABASE_URL (comma-separated postgres:// URLs): dashboards, rankings, exports and long lists may read there. */
  @IsOptional()
  @Matches(/^\s*postgres(ql)?:\/\/[^,\s]+(\s*,\s*postgres(ql)?:\/\/[^,\s]+)*\s*$/, { message: 'must be comma-separated postgres:// URLs' })
  DATABASE_REPLICA_URLS?: string;

  /** Replica lag (seconds) beyond which a replica's reads go to the primary instead. */
  @IsInt()
  @Min(0)
  @Max(3600)
  DATABASE_REPLICA_MAX_LAG_SECONDS = 5;

  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  /**
   * Which proxies in front of the API to believe about the client's address (X-Forwarded-For), as Express's
   * `trust proxy`: a number of hops, or addresses / subnets / `loopback`, `uniquelocal` (comma-separated). Unset:
   * none, the socket's address is the client's (behind a proxy every client would share one login throttle).
   */
  @IsOptional()
  @Matches(/^(\d{1,2}|[0-9A-Za-z.:/]+(\s*,\s*[0-9A-Za-z.:/]+)*)$/, {
    message: 'must be a number of hops or comma-separated addresses, subnets, loopback or uniquelocal',
  })
  TRUST_PROXY?: string;

  @IsOptional()
  @IsString()
  @MinLength(16)
  JWT_SECRET?: string;

  @IsOptional()
  @IsString()
  @MinLength(8)
  ADMIN_PASSWORD?: string;

  /** BullMQ key prefix; tests give each file its own. */
  @IsString()
  QUEUE_PREFIX = 'yingbao';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Hours a FAILED registry import keeps its uploaded file (for a retry); 0 deletes it at once. The worker sweeps older ones. */
  @IsInt()
  @Min(0)
  @Max(8760)
  UPLOAD_RETAIN_FAILED_HOURS = 0;

  /** HTTP SMS gateway (base URL; POST <url>/send). Unset outside production: a fake gateway runs in-process. */
  @IsOptional()
  @IsString()
  @IsUrlLike('http')
  SMS_GATEWAY_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(8)
  SMS_GATEWAY_KEY?: string;

  /** Signature the gateway prefixes to every SMS, e.g. 【云帆人社】. */
  @IsString()
  @MinLength(2)
  SMS_SIGNATURE = '【云帆人社】';

  /** SMS per second across all workers. */
  @IsInt()
  @Min(1)
  @Max(10000)
  SMS_RATE_PER_SECOND = 100;

  /** Webhook channel endpoint for other systems (optional). */
  @IsOptional()
  @IsString()
  @IsUrlLike('http')
  WEBHOOK_URL?: string;

  /** Key that signs every webhook call (HMAC-SHA256), so the receiver can tell it came from us; required with WEBHOOK_URL. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  WEBHOOK_SECRET?: string;

  /** Key the SMS gateway must send (header x-api-key) with delivery reports; required in production (32+ characters). */
  @IsOptional()
  @IsString()
  @MinLength(16)
  SMS_REPORT_KEY?: string;

  /** OpenAPI UI and JSON (/api/docs, /api/docs-json): on outside production, off in production unless 'true'. */
  @IsOptional()
  @IsIn(['true', 'false'])
  OPENAPI_ENABLED?: 'true' | 'false';

  /** Hours an escalation notice may stay unread before it is escalated once more (to the recipient's parent unit). */
  @IsInt()
  @Min(1)
  @Max(720)
  NOTICE_REESCALATE_HOURS = 24;

  /** Webhook calls per second across all workers. */
  @IsInt()
  @Min(1)
  @Max(10000)
  WEBHOOK_RATE_PER_SECOND = 50;

  /** bcrypt cost of new password hashes (existing hashes verify at their own cost). */
  @IsInt()
  @Min(4)
  @Max(15)
  BCRYPT_COST = 12;

  /** Minutes without a request or refresh after which a session ends. */
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  SESSION_IDLE_MINUTES = 30;

  /** Login and refresh calls allowed per client address in each LOGIN_THROTTLE_WINDOW_SECONDS. */
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_THROTTLE_LIMIT = 60;

  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_THROTTLE_WINDOW_SECONDS = 60;

  /** Seconds between the worker's passes over jobs handed to Redis and not done (re-queues those Redis lost). */
  @IsInt()
  @Min(1)
  @Max(3600)
  JOB_RECONCILE_SECONDS = 30;

  /** The CJK font bulletins are printed in as PDF (Debian: fonts-wqy-microhei), a .ttf or .ttc. */
  @IsString()
  @MinLength(1)
  PDF_FONT_PATH = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

  /** The PostScript name of the face to use in a .ttc PDF_FONT_PATH. */
  @IsString()
  @MinLength(1)
  PDF_FONT_FAMILY = 'WenQuanYiMicroHei';

  /** TRUST_PROXY as Express's `trust proxy` setting (false when unset). */
  get trustProxy(): number | string | false {
    if (!this.TRUST_PROXY) return false;
    return /^\d+$/.test(this.TRUST_PROXY) ? Number(this.TRUST_PROXY) : this.TRUST_PROXY;
  }

  /** Bearer token Prometheus sends to GET /metrics (api) and the worker's /metrics; unset: only an admin's login token reads the api's. */
  @IsOptional()
  @IsString()
  @MinLength(32)
  METRICS_TOKEN?: string;

  /** Port of the worker's health server (/health/live, /health/ready, /metrics); unset: the worker opens no port. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_HEALTH_PORT?: number;

  /** Readiness fails when the oldest job waiting in the outbox for Redis is older than this many seconds. */
  @IsInt()
  @Min(5)
  @Max(86400)
  OUTBOX_LAG_READY_SECONDS = 120;

  /** JSON file of official holidays and make-up working days that adds years to chinese-days or replaces them (README: Working days). */
  @IsString()
  @MinLength(1)
  CALENDAR_FILE = 'config/working-calendar.json';

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
  get jwtSecret(): string {
    return this.JWT_SECRET ?? DEV_JWT_SECRET;
  }
  get openApiEnabled(): boolean {
    return this.OPENAPI_ENABLED ? this.OPENAPI_ENABLED === 'true' : !this.isProduction;
  }
  get adminPassword(): string {
    return this.ADMIN_PASSWORD ?? DEV_ADMIN_PASSWORD;
  }
}

function IsUrlLike(scheme: string): PropertyDecorator {
  return (target, key) => {
    const { registerDecorator } = require('class-validator') as typeof import('class-validator');
    registerDecorator({
      name: 'isUrlLike',
      target: target.constructor,
      propertyName: key as string,
      options: { message: `must be a ${scheme}:// URL` },
      validator: {
        validate: (v: unknown) => {
          if (typeof v !== 'string') return false;
          try {
            return new URL(v).protocol.startsWith(scheme);
          } catch {
            return false;
          }
        },
      },
    });
  };
}

export class ConfigError extends Error {}

/** A bad value as a config error shows it (the message goes to logs): a secret by its length, a URL without its password. */
function shown(property: string, value: string | undefined): string {
  if (/SECRET|KEY|PASSWORD|TOKEN/.test(property)) return `a value of ${String(value).length} characters`;
  if (/_URLS?$/.test(property) && value) return JSON.stringify(value.replace(/(\/\/[^/:@,]*:)[^@,]*@/g, '$1***@'));
  return JSON.stringify(value);
}

/** Variables read as numbers. */
const NUMERIC_KEYS = [
  'PORT',
  'SMS_RATE_PER_SECOND',
  'WEBHOOK_RATE_PER_SECOND',
  'NOTICE_REESCALATE_HOURS',
  'BCRYPT_COST',
  'SESSION_IDLE_MINUTES',
  'LOGIN_THROTTLE_LIMIT',
  'LOGIN_THROTTLE_WINDOW_SECONDS',
  'UPLOAD_RETAIN_FAILED_HOURS',
  'JOB_RECONCILE_SECONDS',
  'DATABASE_REPLICA_MAX_LAG_SECONDS',
  'WORKER_HEALTH_PORT',
  'OUTBOX_LAG_READY_SECONDS',
];

/** Builds the config from an environment; throws ConfigError with one line naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(new AppConfig())) {
    const v = env[key];
    if (v !== undefined && v !== '') raw[key] = NUMERIC_KEYS.includes(key) ? Number(v) : v;
  }
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length) {
    const e = errors[0];
    const message = Object.values(e.constraints ?? {})[0] ?? 'is invalid';
    // class-validator's own messages begin with the property's name
    const why = message.startsWith(`${e.property} `) ? message.slice(e.property.length + 1) : message;
    throw new ConfigError(`Configuration error: ${e.property} ${why} (got ${shown(e.property, env[e.property])})`);
  }
  if (config.SMS_GATEWAY_URL && !config.SMS_GATEWAY_KEY) {
    throw new ConfigError('Configuration error: SMS_GATEWAY_KEY is required when SMS_GATEWAY_URL is set');
  }
  if (config.WEBHOOK_URL && !config.WEBHOOK_SECRET) {
    throw new ConfigError('Configuration error: WEBHOOK_SECRET is required when WEBHOOK_URL is set (it signs every call)');
  }
  if (config.isProduction) checkProduction(config);
  return config;
}

/** Secrets we choose ourselves; in production each is at least this long. */
const PRODUCTION_SECRETS = ['JWT_SECRET', 'SMS_REPORT_KEY', 'WEBHOOK_SECRET'] as const;
const PRODUCTION_SECRET_LENGTH = 32;
/** MLPS 2.0 level 3: hashes that resist offline guessing, and sessions that end when left idle. */
const PRODUCTION_BCRYPT_COST = 12;
const PRODUCTION_MAX_IDLE_MINUTES = 60;

/** docker-compose.yml's development password for PostgreSQL and Redis: public, so never a production one. */
export const DEV_SERVICE_PASSWORD = 'yingbao-dev';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', '']);

/** Why a PostgreSQL or Redis URL would leave its server open to anyone who reaches it, or null: no password off this host, or the public one. */
export function openService(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null; // not a URL (a socket path): the driver decides
  }
  const password = decodeURIComponent(u.password);
  if (password === DEV_SERVICE_PASSWORD) return `uses the public development password of docker-compose.yml`;
  if (!password && !LOOPBACK.has(u.hostname)) return `has no password for a server on another host (${u.hostname})`;
  return null;
}

/** No public default in production: every refusal is one line naming the variable, never its value. */
function checkProduction(config: AppConfig): void {
  const fail = (why: string) => {
    throw new ConfigError(`Configuration error: ${why}`);
  };
  if (!config.JWT_SECRET) fail('JWT_SECRET is required when NODE_ENV=production');
  if (config.JWT_SECRET === DEV_JWT_SECRET) fail('JWT_SECRET is the public development secret: set a secret of your own when NODE_ENV=production');
  if (!config.ADMIN_PASSWORD) fail('ADMIN_PASSWORD is required when NODE_ENV=production');
  if (config.ADMIN_PASSWORD === DEV_ADMIN_PASSWORD) fail('ADMIN_PASSWORD is the public development password: set one of your own when NODE_ENV=production');
  const weak = passwordProblem(config.ADMIN_PASSWORD ?? '', 'admin');
  if (weak) fail(`ADMIN_PASSWORD is too weak for production: ${weak}`);
  if (config.BCRYPT_COST < PRODUCTION_BCRYPT_COST)
    fail(`BCRYPT_COST must be at least ${PRODUCTION_BCRYPT_COST} when NODE_ENV=production (got ${config.BCRYPT_COST})`);
  if (config.SESSION_IDLE_MINUTES > PRODUCTION_MAX_IDLE_MINUTES)
    fail(`SESSION_IDLE_MINUTES must be at most ${PRODUCTION_MAX_IDLE_MINUTES} when NODE_ENV=production (got ${config.SESSION_IDLE_MINUTES})`);
  for (const key of ['DATABASE_URL', 'REDIS_URL'] as const) {
    const open = openService(config[key]);
    if (open) fail(`${key} ${open} when NODE_ENV=production: give the server a password of its own (it holds the registry and the job queue)`);
  }
  for (const url of replicaUrls(config)) {
    const open = openService(url);
    if (open) fail(`DATABASE_REPLICA_URLS ${open} when NODE_ENV=production: give the server a password of its own`);
  }
  if (!config.SMS_REPORT_KEY) fail('SMS_REPORT_KEY is required when NODE_ENV=production (the key the SMS gateway sends with delivery reports)');
  for (const key of PRODUCTION_SECRETS) {
    const v = config[key];
    if (v !== undefined && v.length < PRODUCTION_SECRET_LENGTH)
      fail(`${key} must be at least ${PRODUCTION_SECRET_LENGTH} characters when NODE_ENV=production (got ${shown(key, v)})`);
  }
}

/** DATABASE_REPLICA_URLS as a list (empty when unset). */
export function replicaUrls(config: Pick<AppConfig, 'DATABASE_REPLICA_URLS'>): string[] {
  return (config.DATABASE_REPLICA_URLS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
