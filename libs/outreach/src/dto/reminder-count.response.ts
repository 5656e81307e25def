import { ApiProperty } from '@nestjs/swagger';

/** A person with fewer reminders this year than asked. */
export class ReminderCountPersonDto {
  @ApiProperty({ type: 'integer', description: 'the registry person', example: 7 }) personId: number;
  @ApiProperty({ example: '张三' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: '139****5678' }) phone: string | null;
  @ApiProperty({ description: "the registry person's status", example: 'pending' }) status: string;
  @ApiProperty({ type: 'integer', example: 6 }) orgUnitId: number;
  @ApiProperty({ type: 'integer', description: 'reminders sent or delivered this business year', example: 1 }) remindersThisYear: number;
}

/** A page of ReminderCountPersonDto, with the year and the threshold it is about. */
export class ReminderCountPageDto {
  @ApiProperty({ type: [ReminderCountPersonDto] }) items: ReminderCountPersonDto[];
  @ApiProperty({ type: 'integer', description: 'rows matching the filters, all pages', example: 1 }) total: number;
  @ApiProperty({ type: 'integer', example: 1 }) page: number;
  @ApiProperty({ type: 'integer', example: 50 }) pageSize: number;
  @ApiProperty({ type: 'integer', description: 'business year', example: 2026 }) year: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'people with fewer reminders than this; null with all=true', example: 3 }) below: number | null;
}

export class PersonReminderCountDto {
  @ApiProperty({ type: 'integer', example: 7 }) personId: number;
  @ApiProperty({ type: 'integer', example: 2026 }) year: number;
  @ApiProperty({ type: 'integer', description: 'reminders sent or delivered that business year', example: 2 }) remindersThisYear: number;
}
