import { IsQueryId, PageQuery } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { ROBOT_KINDS, ROBOT_PROVIDERS } from '../rules/robots';

export class SaveRobotDto {
  @ApiProperty({ enum: ROBOT_PROVIDERS, description: 'dingtalk (signed) or wecom (key URL)' })
  @IsIn(ROBOT_PROVIDERS, { message: 'provider 须为 dingtalk 或 wecom' })
  provider: (typeof ROBOT_PROVIDERS)[number];
  @ApiProperty({ example: 'https://oapi.dingtalk.com/robot/send?access_token=…', description: "the robot's webhook URL (WeCom: …/webhook/send?key=…)" })
  @IsString()
  @Length(10, 500)
  url: string;
  @ApiPropertyOptional({ example: 'SEC…', description: "DingTalk's signing secret (加签); left out: keep the stored one. Never answered in full" })
  @IsOptional()
  @IsString()
  @Length(8, 200)
  secret?: string;
  @ApiPropertyOptional({ enum: ROBOT_KINDS, isArray: true, description: 'notice kinds the robot relays; default all of them' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ROBOT_KINDS.length)
  @ArrayUnique()
  @IsIn(ROBOT_KINDS, { each: true, message: `kinds 须为 ${ROBOT_KINDS.join(', ')} 之一` })
  kinds?: (typeof ROBOT_KINDS)[number][];
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
}

export class RobotListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'a unit in your scope; default your whole scope' }) @IsOptional() @IsQueryId() orgUnitId?: number;
}

export class RobotDto {
  @ApiProperty({ type: 'integer' }) orgUnitId: number;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: ROBOT_PROVIDERS }) provider: string;
  @ApiProperty({ description: 'query values (access_token, key) hidden but their last 4 characters' }) url: string;
  @ApiProperty({ type: String, nullable: true, example: 'SEC****cdef', description: 'first 3 and last 4 characters only' }) secret: string | null;
  @ApiProperty({ enum: ROBOT_KINDS, isArray: true }) kinds: string[];
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

export class NoticePreferencesDto {
  @ApiProperty({ enum: ['inbox', 'sms'], description: '站内 (inbox only) or 短信 (inbox and SMS) for escalations' })
  @IsIn(['inbox', 'sms'], { message: 'escalations 须为 inbox 或 sms' })
  @MaxLength(5)
  escalations: 'inbox' | 'sms';
}
