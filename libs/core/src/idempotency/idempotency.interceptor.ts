import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { from, Observable, of } from 'rxjs';
import { catchError, finalize, mergeMap } from 'rxjs/operators';
import { AuthUser } from '../auth/auth-user';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { IDEMPOTENCY_HEARTBEAT_MS, IdempotencyStore, KeyRef, StoredKey } from './idempotency-store';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
/** 1 to 200 visible ASCII characters (a UUID is the usual choice). */
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
/** A duplicate waits this long (real time) for the first request under its key, polling every POLL_MS. */
export const IDEMPOTENCY_WAIT_MS = 25_000; // longer than IDEMPOTENCY_PENDING_STALE_MS: a waiter outlasts a first request that died
const POLL_MS = 50;

type KeyedRequest = Request & { user?: AuthUser; file?: Express.Multer.File };

/** Objects with their keys sorted, at every depth: the same body in another key order is the same request. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, canonical(o[k])]),
    );
  }
  return value;
}

/** sha256 of the method, path (with query) and canonical body; for an upload, its form fields and the file's name, size and content. */
export async function requestHash(req: KeyedRequest): Promise<string> {
  const file = req.file ? { name: req.file.originalname, size: req.file.size, sha256: await fileDigest(req.file) } : null;
  return createHash('sha256')
    .update(JSON.stringify([req.method, req.originalUrl, canonical(req.body ?? null), file]))
    .digest('hex');
}

/** The upload's bytes, hashed: from memory, or streamed from disk (a registry file may be large). */
async function fileDigest(file: Express.Multer.File): Promise<string> {
  const hash = createHash('sha256');
  if (file.buffer) hash.update(file.buffer);
  else if (file.path) for await (const chunk of createReadStream(file.path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function keyOf(req: KeyedRequest): string | undefined {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !KEY_PATTERN.test(raw)) {
    throw DomainError.validation(IDEMPOTENCY_HEADER, '请求头须为 1 至 200 个可见 ASCII 字符，不含空格，例如一个 UUID (1-200 visible ASCII characters)');
  }
  return raw;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Honours the Idempotency-Key header of every POST by a logged-in caller (guards run first, so the
 * user is known; login and other public routes are left alone). The first request under a key runs and
 * its answer is stored; the same key with the same request answers that status and body again (header
 * Idempotent-Replayed: true) without running; the same key with another request is a 409. Duplicates
 * sent while the first still runs wait for its answer (IDEMPOTENCY_WAIT_MS; then a 409 IN_PROGRESS, to retry); a first request that
 * fails leaves nothing, so the key may be sent again; one lost without an answer (its process died, or
 * it answered 503 with the database down) stops touching its key and frees it after
 * IDEMPOTENCY_PENDING_STALE_MS. Keys are kept a day (IdempotencyStore).
 *
 * Registered globally in the api; multipart requests are parsed by the route's own file interceptor,
 * after the global ones, so upload routes add UploadIdempotencyInterceptor after theirs instead.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyStore) {}

  /** The global instance leaves uploads to UploadIdempotencyInterceptor, which sees their fields and file. */
  protected handles(req: KeyedRequest): boolean {
    return !req.is('multipart/form-data');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<KeyedRequest>();
    if (req.method !== 'POST' || !req.user || !this.handles(req)) return next.handle();
    const key = keyOf(req);
    if (key === undefined) return next.handle();
    const ref: KeyRef = { userId: req.user.id, key, method: req.method, path: req.originalUrl, requestHash: await requestHash(req) };
    const res = context.switchToHttp().getResponse<Response>();
    const stored = await this.settle(ref);
    if (stored) {
      res.status(stored.status!);
      res.setHeader(REPLAYED_HEADER, 'true');
      return of(stored.response);
    }
    const heartbeat = setInterval(() => void this.store.touch(ref).catch(() => undefined), IDEMPOTENCY_HEARTBEAT_MS);
    heartbeat.unref();
    return next.handle().pipe(
      finalize(() => clearInterval(heartbeat)),
      // only the request's own failure frees the key: if storing its answer fails, the effect may be
      // stored, so the key stays taken (a repeat is a 409) rather than letting a repeat store it twice
      catchError((e: unknown) =>
        from(this.store.release(ref).catch(() => undefined)).pipe(
          mergeMap(() => {
            throw e;
          }),
        ),
      ),
      mergeMap(async (body: unknown) => {
        // a file is not stored: the key is freed and a repeat makes the file again
        if (body instanceof StreamableFile || Buffer.isBuffer(body)) await this.store.release(ref);
        else await this.store.complete(ref, res.statusCode, body);
        return body;
      }),
    );
  }

  /** Null when this request is the key's first (it runs); otherwise the first one's stored answer. */
  private async settle(ref: KeyRef): Promise<StoredKey | null> {
    const until = Date.now() + IDEMPOTENCY_WAIT_MS;
    for (;;) {
      if (await this.store.claim(ref)) return null;
      const row = await this.store.find(ref);
      if (row && row.requestHash !== ref.requestHash) {
        throw DomainError.conflict(
          `此 Idempotency-Key 已用于另一个不同的请求，请为新的操作换一个新的键 (the key ${ref.key} was used for another request)`,
          IDEMPOTENCY_HEADER,
        );
      }
      if (row && row.status !== null) return row;
      if (Date.now() > until) {
        // IN_PROGRESS, not CONFLICT: the client sends the same request again later (a phone's outbox does)
        const message = '同一 Idempotency-Key 的上一个请求仍在处理中，请稍后重试 (the first request under this key is still running)';
        throw new DomainError(ErrorCode.InProgress, message, [{ field: IDEMPOTENCY_HEADER, message }]);
      }
      if (row) await sleep(POLL_MS); // still running; when gone (it failed), claim it at once
    }
  }
}

/** For upload routes, listed after the file interceptor: the same rules, with the form fields and the file's name, size and content. */
@Injectable()
export class UploadIdempotencyInterceptor extends IdempotencyInterceptor {
  protected override handles(req: KeyedRequest): boolean {
    return !!req.is('multipart/form-data');
  }
}
