import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProduces, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ErrorCode } from '../errors/domain-error';
import { XLSX_MIME } from './xlsx';

/** A field (or a row of a file) at fault, as every 400 names it. */
export class FieldErrorDto {
  @ApiProperty({ example: 'target' }) field: string;
  @ApiProperty({ example: '目标值必须是不小于 0 的数字' }) message: string;
  @ApiPropertyOptional({ description: 'the row of an uploaded file, counted from 1 with the header as row 1', example: 7 }) row?: number;
}

/** The one JSON error shape of every failure (AllExceptionsFilter). */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ description: 'the error code (VALIDATION, NOT_FOUND, CONFLICT, SERVICE_UNAVAILABLE …)', example: ErrorCode.Validation }) error: string;
  @ApiProperty({ description: 'a message a clerk can read (Chinese)', example: 'target: 目标值必须是不小于 0 的数字' }) message: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) fields?: FieldErrorDto[];
  @ApiPropertyOptional({ description: 'what else the error knows (the tasks blocking a move, the service that is down ...)' }) details?: unknown;
  @ApiPropertyOptional({ description: 'on a 500: the id of the log line' }) errorId?: string;
  @ApiPropertyOptional({ description: "the request's id (also its X-Request-Id header and every log line of it): quote it when reporting a problem" })
  requestId?: string;
}

/** `@ApiPagedResponse(ItemDto)`: a 200 answering `{ items: ItemDto[], total, page, pageSize }` (core's Page<T>). */
export function ApiPagedResponse(item: Type<unknown>, description?: string): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({
      description,
      schema: {
        type: 'object',
        required: ['items', 'total', 'page', 'pageSize'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(item) } },
          total: { type: 'integer', description: 'rows matching the filters, all pages', example: 1 },
          page: { type: 'integer', example: 1 },
          pageSize: { type: 'integer', example: 50 },
        },
      },
    }),
  );
}

/** `@ApiFileResponse()`: a 200 answering a download (XLSX unless said otherwise). */
export function ApiFileResponse(mime = XLSX_MIME, description = '文件下载 (a file download)'): MethodDecorator {
  return applyDecorators(ApiProduces(mime), ApiOkResponse({ description, content: { [mime]: { schema: { type: 'string', format: 'binary' } } } }));
}

const ERROR_STATUSES: Record<string, string> = {
  '400': '输入有误：fields 列出每个出错的字段 (bad input, each field named)',
  '401': '未登录或登录已过期 (not signed in)',
  '403': '角色不允许此操作，或记录不在本单位范围内 (role or scope)',
  '404': '记录不存在 (not found)',
  '409': '与现有数据或状态冲突 (conflict or invalid state)',
  '429': '请求过于频繁或账户已锁定 (too many attempts)',
  '503': '数据库或队列暂不可用，请稍后重试 (Retry-After)',
};

/**
 * Every operation answers its errors in ErrorResponseDto: added to the document once here rather than
 * on each of the routes (an operation that declares a status itself keeps its own).
 */
export function documentErrors(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  const ref = { $ref: '#/components/schemas/ErrorResponseDto' };
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op) continue;
      op.responses ??= {};
      for (const [status, description] of Object.entries(ERROR_STATUSES)) {
        op.responses[status] ??= { description, content: { 'application/json': { schema: ref } } };
      }
    }
  }
  return document;
}
