import { ApiProperty } from '@nestjs/swagger';
import { MESSAGE_STATES, ROUND_TARGETS } from '../outreach.types';

const DATE_TIME = { type: String, format: 'date-time' } as const;
const CHANNELS = ['sms', 'webhook'];

/** A round's messages per state, every state present, and their sum. */
export class RoundTotalsDto {
  @ApiProperty({ type: 'integer', example: 0 }) queued: number;
  @ApiProperty({ type: 'integer', example: 0 }) sending: number;
  @ApiProperty({ type: 'integer', example: 10 }) sent: number;
  @ApiProperty({ type: 'integer', example: 85 }) delivered: number;
  @ApiProperty({ type: 'integer', example: 3 }) failed: number;
  @ApiProperty({ type: 'integer', example: 2 }) skipped: number;
  @ApiProperty({ type: 'integer', example: 100 }) total: number;
}

/** A reminder round. */
export class ReminderRoundDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({ type: 'integer', example: 1 }) campaignId: number;
  @ApiProperty({ example: '三月断缴提醒' }) name: string;
  @ApiProperty({ type: 'integer', description: 'the subtree the round covers', example: 4 }) orgUnitId: number;
  @ApiProperty({ enum: ROUND_TARGETS }) target: string;
  @ApiProperty({ enum: CHANNELS }) channel: string;
  @ApiProperty({ example: 'reminder.lapsed' }) templateKind: string;
  @ApiProperty({ format: 'date', example: '2026-03-15' }) plannedFor: string;
  @ApiProperty({ type: 'number', nullable: true, description: 'yuan', example: 3600 }) amount: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-03-31' }) deadline: string | null;
  @ApiProperty({ type: String, nullable: true, example: '0571-88886666' }) officePhone: string | null;
  @ApiProperty({ enum: ['planned', 'running', 'finished'] }) status: string;
  @ApiProperty({ type: 'integer', description: 'how many times it was started', example: 1 }) starts: number;
  @ApiProperty({ description: 'whether every targeted person has their message' }) expanded: boolean;
  @ApiProperty(DATE_TIME) createdAt: Date;
  @ApiProperty({ ...DATE_TIME, nullable: true }) startedAt: Date | null;
  @ApiProperty({ ...DATE_TIME, nullable: true }) finishedAt: Date | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the reminder plan that started it on its date; null when planned by hand' }) planId:
    number | null;
}

/** A round with its totals per message state (GET /api/reminder-rounds/:id). */
export class ReminderRoundDetailDto extends ReminderRoundDto {
  @ApiProperty({ type: RoundTotalsDto }) totals: RoundTotalsDto;
}

/** A message of a round; the phone is masked. */
export class RoundMessageDto {
  @ApiProperty({ type: 'integer', example: 42 }) id: number;
  @ApiProperty({ type: 'integer', description: 'the registry person', example: 7 }) personId: number;
  @ApiProperty({ example: '张三' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: '139****5678' }) phone: string | null;
  @ApiProperty({ enum: CHANNELS }) channel: string;
  @ApiProperty({ enum: MESSAGE_STATES }) state: string;
  @ApiProperty({ type: String, nullable: true, description: 'the text sent (null until made)', example: '张三您好：请于2026年3月31日前续缴养老保险。' }) body:
    string | null;
  @ApiProperty({ type: String, nullable: true, example: '未送达：空号 (number does not exist)' }) failureReason: string | null;
  @ApiProperty({ type: 'integer', example: 1 }) attempts: number;
  @ApiProperty({ type: 'integer', example: 0 }) resends: number;
  @ApiProperty({ ...DATE_TIME, nullable: true, description: 'held for quiet hours until then' }) heldUntil: Date | null;
  @ApiProperty(DATE_TIME) queuedAt: Date;
  @ApiProperty({ ...DATE_TIME, nullable: true }) sentAt: Date | null;
  @ApiProperty({ ...DATE_TIME, nullable: true }) deliveredAt: Date | null;
  @ApiProperty({ ...DATE_TIME, nullable: true }) failedAt: Date | null;
}

export class ResendResultDto {
  @ApiProperty({ type: 'integer', description: 'failed messages queued once more', example: 3 }) resent: number;
  @ApiProperty({ type: 'integer', description: 'failed messages not resent: failed permanently (e.g. invalid number)', example: 1 }) permanent: number;
}

export class DeliveryReportResultDto {
  @ApiProperty({
    type: 'integer',
    enum: [0, 1],
    description: '1: the report was counted; 0: a duplicate or an unknown message (a forged ref answers the same)',
    example: 1,
  })
  updated: number;
}
