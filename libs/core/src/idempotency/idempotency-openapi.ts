import type { OpenAPIObject } from '@nestjs/swagger';
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER } from './idempotency.interceptor';

const DESCRIPTION =
  '可选。同一用户以同一键重复提交同一请求时只执行一次，返回第一次的状态码和内容（响应头 ' +
  `${REPLAYED_HEADER}: true）；同一键用于不同请求为 409；请求失败则键可再用；保留一天。1–200 个可见 ASCII 字符，建议用 UUID。` +
  ' (Optional: the same key and request from the same user run once and replay the first answer; another request under the key is a 409; kept a day. Ignored on routes without login.)';

/** Documents the Idempotency-Key header on every POST of the OpenAPI document (IdempotencyInterceptor honours it). */
export function documentIdempotencyKey(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    if (!item.post) continue;
    item.post.parameters = [
      ...(item.post.parameters ?? []),
      { name: IDEMPOTENCY_HEADER, in: 'header', required: false, description: DESCRIPTION, schema: { type: 'string', minLength: 1, maxLength: 200 } },
    ];
  }
  return document;
}
