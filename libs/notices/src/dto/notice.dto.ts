import { PageQuery } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

export class NoticeListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'true: only notices not read yet' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

export class NoticeLinkDto {
  @ApiProperty({ example: 'task' })
  entity: string;
  @ApiProperty({ example: '42' })
  id: string;
}

export class NoticeDto {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'task.overdue' }) kind: string;
  @ApiProperty() subject: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: NoticeLinkDto, nullable: true }) link: NoticeLinkDto | null;
  @ApiProperty({ enum: ['inbox', 'sms', 'webhook'] }) channel: string;
  @ApiProperty({ enum: ['queued', 'sent', 'delivered', 'failed'] }) state: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true }) readAt: Date | null;
}

export class NoticePageDto {
  @ApiProperty({ type: [NoticeDto] }) items: NoticeDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: 'unread notices of the caller (all pages)' }) unread: number;
}

export class ReadAllResultDto {
  @ApiProperty({ description: 'how many notices were marked read' }) updated: number;
}
