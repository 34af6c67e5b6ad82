import { BulkheadPolicy } from 'cockatiel';
import { ErpError, ErpErrorCode } from '../erp.errors';
import { decodeTryton, encodeTryton, TrytonContext, TrytonValue } from './tryton.codec';
import { httpError, mapTrytonError, networkError } from './tryton.error-mapping';
import { trytonLimiter } from './tryton.limiter';
import { asIds, asRecords } from './tryton.records';

export interface TrytonRpcOptions {
  /** Base URL of trytond, e.g. http://127.0.0.1:8000 */
  url: string;
  database: string;
  user: string;
  password: string;
  /** Per-call timeout (default 30 s); the caller gets UNAVAILABLE after it. */
  timeoutMs?: number;
  /** Overrides per RPC method name, e.g. {"model.sale.sale.confirm": 60000}. */
  methodTimeoutsMs?: Record<string, number>;
  /** Calls in flight to this database (default 1: SQLite backend). */
  maxConcurrency?: number;
  /** After a failed login, further logins are refused locally for this long (default 30 s). */
  loginCooldownMs?: number;
  logger?: { warn(message: string): void; log?(message: string): void };
}

export interface TrytonRpcStats {
  loginAttempts: number;
  loginFailures: number;
  relogins: number;
  calls: number;
}

interface Session {
  header: string;
  userId: number;
  context: TrytonContext;
}

/** 401 on a call made with a session: the session expired or was logged out. */
class SessionRejected extends Error {}

type Domain = TrytonValue[];

/**
 * JSON-RPC client for one Tryton database. Logs in once and reuses the session
 * (Authorization: Session base64(login:user_id:key)); fetches the user context once
 * (res.user.get_preferences) and appends it to every model./wizard. call. On HTTP 401 it logs in again
 * once and retries the call once. A failed login (401: wrong credentials; 429: rate-limited after 5
 * failures) is never retried in a loop: the error is remembered and returned without contacting Tryton
 * until the cool-down has passed.
 */
export class TrytonRpcClient {
  readonly stats: TrytonRpcStats = { loginAttempts: 0, loginFailures: 0, relogins: 0, calls: 0 };
  private readonly endpoint: string;
  private readonly limiter: BulkheadPolicy;
  private readonly timeoutMs: number;
  private session: Session | null = null;
  private loggingIn: Promise<Session> | null = null;
  private loginBlocked: { until: number; error: ErpError } | null = null;
  private nextId = 1;

  constructor(private readonly options: TrytonRpcOptions) {
    const base = options.url.replace(/\/+$/, '');
    this.endpoint = `${base}/${encodeURIComponent(options.database)}/`;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.limiter = trytonLimiter(base, options.database, options.maxConcurrency ?? 1);
  }

  get url(): string {
    return this.endpoint;
  }

  /** The user context (company, language, groups…) once logged in. */
  async context(): Promise<TrytonContext> {
    return (await this.ensureSession()).context;
  }

  /**
   * Calls a model./wizard. method with the session and the user context (plus `extraContext`) as the
   * last parameter; other methods (common.*) are sent as given.
   */
  async call(method: string, params: TrytonValue[], extraContext?: TrytonContext): Promise<TrytonValue> {
    const needsContext = method.startsWith('model.') || method.startsWith('wizard.');
    const send = (s: Session): Promise<TrytonValue> =>
      this.send(method, needsContext ? [...params, { ...s.context, ...(extraContext ?? {}) }] : params, s.header);
    const session = await this.ensureSession();
    try {
      return await send(session);
    } catch (e) {
      if (!(e instanceof SessionRejected)) throw e;
      this.stats.relogins++;
      this.options.logger?.log?.(`Tryton session rejected on ${method}; logging in again`);
      if (this.session === session) this.session = null;
      const fresh = await this.ensureSession();
      try {
        return await send(fresh);
      } catch (again) {
        if (again instanceof SessionRejected) {
          this.session = null;
          throw new ErpError(ErpErrorCode.UNAVAILABLE, `Tryton rejected a fresh session on ${method} (HTTP 401)`, { method, status: 401 });
        }
        throw again;
      }
    }
  }

  model(model: string, method: string, params: TrytonValue[], extraContext?: TrytonContext): Promise<TrytonValue> {
    return this.call(`model.${model}.${method}`, params, extraContext);
  }

  async search(
    model: string,
    domain: Domain,
    opts: { offset?: number; limit?: number | null; order?: [string, 'ASC' | 'DESC'][] } = {},
    ctx?: TrytonContext,
  ): Promise<number[]> {
    return asIds(await this.model(model, 'search', [domain, opts.offset ?? 0, opts.limit ?? null, opts.order ?? null], ctx));
  }

  async searchCount(model: string, domain: Domain): Promise<number> {
    const n = await this.model(model, 'search_count', [domain]);
    return typeof n === 'number' ? n : 0;
  }

  async searchRead(
    model: string,
    domain: Domain,
    fields: string[],
    opts: { offset?: number; limit?: number | null; order?: [string, 'ASC' | 'DESC'][] } = {},
    ctx?: TrytonContext,
  ) {
    return asRecords(
      await this.model(model, 'search_read', [domain, opts.offset ?? 0, opts.limit ?? null, opts.order ?? null, fields], ctx),
    );
  }

  async read(model: string, ids: number[], fields: string[], ctx?: TrytonContext) {
    if (ids.length === 0) return [];
    return asRecords(await this.model(model, 'read', [ids, fields], ctx));
  }

  async create(model: string, values: TrytonValue[]): Promise<number[]> {
    return asIds(await this.model(model, 'create', [values]));
  }

  async write(model: string, ids: number[], values: TrytonValue): Promise<void> {
    if (ids.length > 0) await this.model(model, 'write', [ids, values]);
  }

  /** A workflow button (quote, confirm, assign_try, post…): model.<model>.<button>([ids], ctx). */
  button(model: string, name: string, ids: number[]): Promise<TrytonValue> {
    return this.model(model, name, [ids]);
  }

  /** Ends the session on the server (common.db.logout); the next call logs in again. */
  async logout(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (!session) return;
    try {
      await this.send('common.db.logout', [], session.header);
    } catch {
      // the session is gone either way
    }
  }

  /** The logged-in user's id (for res.user.warning acknowledgements). */
  async userId(): Promise<number> {
    return (await this.ensureSession()).userId;
  }

  /** The current session header, for tests that need to end it behind the client's back. */
  currentSessionHeader(): string | null {
    return this.session?.header ?? null;
  }

  private ensureSession(): Promise<Session> {
    if (this.session) return Promise.resolve(this.session);
    if (this.loginBlocked && Date.now() < this.loginBlocked.until) return Promise.reject(this.loginBlocked.error);
    if (!this.loggingIn) {
      this.loggingIn = this.login().finally(() => {
        this.loggingIn = null;
      });
    }
    return this.loggingIn;
  }

  private async login(): Promise<Session> {
    const { user, password, database } = this.options;
    this.stats.loginAttempts++;
    let result: TrytonValue;
    try {
      result = await this.send('common.db.login', [user, { password }, 'en'], null);
    } catch (e) {
      this.stats.loginFailures++;
      const status = e instanceof SessionRejected ? 401 : ((e as ErpError).details as { status?: number } | undefined)?.status;
      const cooldown = this.options.loginCooldownMs ?? 30_000;
      let error: ErpError;
      if (status === 401) {
        error = new ErpError(
          ErpErrorCode.VALIDATION,
          `Tryton login failed for user "${user}" on database "${database}": wrong credentials (HTTP 401); not retrying for ${cooldown} ms`,
          { status, login: true },
        );
      } else if (status === 429) {
        error = new ErpError(
          ErpErrorCode.UNAVAILABLE,
          `Tryton refuses logins for user "${user}" (HTTP 429: too many failed attempts); not retrying for ${cooldown} ms`,
          { status, login: true },
        );
      } else {
        throw e instanceof ErpError ? e : new ErpError(ErpErrorCode.UNAVAILABLE, `Tryton login failed: ${String(e)}`);
      }
      this.loginBlocked = { until: Date.now() + cooldown, error };
      this.options.logger?.warn(error.message);
      throw error;
    }
    if (!Array.isArray(result) || typeof result[0] !== 'number' || typeof result[1] !== 'string') {
      this.stats.loginFailures++;
      throw new ErpError(ErpErrorCode.UNAVAILABLE, `Tryton login returned an unexpected result: ${encodeTryton(result)}`);
    }
    this.loginBlocked = null;
    const userId = result[0];
    const header = `Session ${Buffer.from(`${user}:${userId}:${result[1]}`).toString('base64')}`;
    const prefs = await this.send('model.res.user.get_preferences', [true, {}], header);
    if (typeof prefs !== 'object' || prefs === null || Array.isArray(prefs)) {
      throw new ErpError(ErpErrorCode.UNAVAILABLE, 'Tryton get_preferences returned no context');
    }
    const context = prefs as TrytonContext;
    this.session = { header, userId, context };
    return this.session;
  }

  /**
   * One HTTP request inside the database's bulkhead. The caller's promise rejects after the timeout,
   * but the bulkhead slot stays held until the request really ends (or 3× the timeout, when it is
   * aborted): a timed-out write may still commit, and the next call must not run beside it.
   */
  private send(method: string, params: TrytonValue[], auth: string | null): Promise<TrytonValue> {
    const timeoutMs = this.options.methodTimeoutsMs?.[method] ?? this.timeoutMs;
    const body = encodeTryton({ id: this.nextId++, method, params });
    this.stats.calls++;
    return new Promise<TrytonValue>((resolve, reject) => {
      void this.limiter
        .execute(async () => {
          const abort = new AbortController();
          const hard = setTimeout(() => abort.abort(), Math.max(timeoutMs * 3, 1000));
          const soft = setTimeout(
            () =>
              reject(
                new ErpError(ErpErrorCode.UNAVAILABLE, `Tryton call ${method} timed out after ${timeoutMs} ms`, {
                  method,
                  timeoutMs,
                  timeout: true,
                }),
              ),
            timeoutMs,
          );
          try {
            resolve(await this.post(method, body, auth, abort.signal));
          } catch (e) {
            reject(e);
          } finally {
            clearTimeout(hard);
            clearTimeout(soft);
          }
        })
        .catch(reject);
    });
  }

  private async post(method: string, body: string, auth: string | null, signal: AbortSignal): Promise<TrytonValue> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: auth } : {}) },
        body,
        signal,
      });
      text = await response.text();
    } catch (e) {
      throw networkError(e, this.endpoint, method);
    }
    if (response.status === 401) throw new SessionRejected(`HTTP 401 on ${method}`);
    if (response.status !== 200) throw httpError(response.status, method, text);
    let payload: unknown;
    try {
      payload = decodeTryton(text);
    } catch {
      throw new ErpError(ErpErrorCode.UNAVAILABLE, `Tryton answered ${method} with invalid JSON: ${text.slice(0, 200)}`, { method });
    }
    const reply = payload as { result?: TrytonValue; error?: TrytonValue };
    if (reply.error !== undefined && reply.error !== null) throw mapTrytonError(reply.error, method);
    return reply.result ?? null;
  }
}
