import { SortablePageQuery } from '#core';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';

/** Notice kinds are dotted lower-case words (task.overdue, inspection.case_assigned). */
const KIND = /^[a-z][a-z0-9_.-]{0,63}$/;

export const NOTICE_SORTS = ['updatedAt', 'createdAt', 'kind', 'subject', 'itemCount', 'readAt'] as const;
export type NoticeSort = (typeof NOTICE_SORTS)[number];

export class NoticeListQuery extends SortablePageQuery(NOTICE_SORTS) {
  @ApiPropertyOptional({ description: 'true: only notices not read yet' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;

  @ApiPropertyOptional({ description: 'only notices of this kind', example: 'task.overdue' })
  @IsOptional()
  @IsString({ message: 'kind must be a notice kind such as task.overdue' })
  @Matches(KIND, { message: 'kind must be a notice kind such as task.overdue' })
  kind?: string;
}

export class ReadAllQuery {
  @ApiPropertyOptional({ description: 'only mark notices of this kind read', example: 'task.overdue' })
  @IsOptional()
  @IsString({ message: 'kind must be a notice kind such as task.overdue' })
  @Matches(KIND, { message: 'kind must be a notice kind such as task.overdue' })
  kind?: string;
}

export class NoticeLinkDto {
  @ApiProperty({ example: 'task' })
  entity: string;
  @ApiProperty({ example: '42' })
  id: string;
}

export class NoticeItemDto {
  @ApiProperty({ example: '任务逾期：企业职工基本养老保险新增参保人数' }) subject: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: NoticeLinkDto, nullable: true }) link: NoticeLinkDto | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

@ApiExtraModels(NoticeItemDto)
export class NoticeDto {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ example: 'task.overdue' }) kind: string;
  @ApiProperty({ description: "one item: the item's subject; several: their count by kind", example: '3 项任务已逾期' }) subject: string;
  @ApiProperty({ description: "one item: the item's body; several: the first 10 items, one a line" }) body: string;
  @ApiProperty({ type: NoticeLinkDto, nullable: true, description: "one item: the item's link; several: null (each item has its own)" })
  link: NoticeLinkDto | null;
  @ApiProperty({ description: 'how many items (reasons) the notice lists', example: 3 }) itemCount: number;
  @ApiProperty({
    type: [NoticeItemDto],
    description: 'A notice is the digest of one kind for one person and business day: what it lists, oldest first, each reason once',
  })
  items: NoticeItemDto[];
  @ApiProperty({ enum: ['inbox', 'sms', 'webhook'] }) channel: string;
  @ApiProperty({ enum: ['queued', 'sent', 'delivered', 'failed'] }) state: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', description: 'when the last item came; a new item makes a read notice unread again' }) updatedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: Date | null;
}

export class NoticePageDto {
  @ApiProperty({ type: [NoticeDto] }) items: NoticeDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
  @ApiProperty({ description: 'unread notices of the caller (all pages, all kinds)' }) unread: number;
  @ApiProperty({
    description: 'unread notices of the caller per kind (kinds with none left out)',
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { 'task.overdue': 1, 'task.escalation': 1 },
  })
  unreadByKind: Record<string, number>;
}

export class ReadAllResultDto {
  @ApiProperty({ description: 'how many notices were marked read' }) updated: number;
}
