import { Controller, Get, Module, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DateTime } from 'luxon';
import { DomainError } from '../errors/domain-error';
import { IsCalendarDate } from '../validation/decorators';
import { DAY_UNITS, WorkingCalendar } from './working-calendar';

/** At most this many days per request (a date picker shows six weeks; a year view a year). */
const MAX_RANGE_DAYS = 400;

export class CalendarQuery {
  @ApiProperty({ example: '2026-09-01', description: 'First date (YYYY-MM-DD)' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ example: '2026-10-31', description: `Last date (YYYY-MM-DD), at most ${MAX_RANGE_DAYS} days after from` })
  @IsCalendarDate()
  to: string;
}

export class CalendarDayDto {
  @ApiProperty({ example: '2026-10-01' }) date: string;
  @ApiProperty({ enum: ['holiday', 'makeup'], description: 'holiday: an official day off (放假); makeup: a weekend day that is worked (调休上班)' })
  kind: 'holiday' | 'makeup';
  @ApiProperty() working: boolean;
  @ApiPropertyOptional({ example: '国庆节', type: String, nullable: true }) name: string | null;
}

export class CalendarYearDto {
  @ApiProperty({ example: 2027 }) year: number;
  @ApiProperty({ example: 'chinese-days' }) source: string;
  @ApiProperty({ description: 'false: entered before the State Council notice was checked; to be confirmed' }) confirmed: boolean;
}

export class CalendarRangeDto {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({
    type: CalendarDayDto,
    isArray: true,
    description: 'Days off and make-up working days in the range; every other weekday is worked, every other weekend day is not',
  })
  days: CalendarDayDto[];
  @ApiProperty({ type: CalendarYearDto, isArray: true, description: 'The years of the range whose official arrangement is known' })
  years: CalendarYearDto[];
  @ApiProperty({ type: Number, isArray: true, description: 'Years of the range without a known arrangement: weekends only' })
  unknownYears: number[];
  @ApiProperty({ enum: DAY_UNITS, isArray: true, description: 'How periods may be counted' }) dayUnits: string[];
}

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: WorkingCalendar) {}

  @Get()
  @ApiOperation({ summary: "China's official days off and make-up working days (调休) between two dates, for date pickers and planning (any logged-in user)" })
  @ApiOkResponse({ type: CalendarRangeDto })
  range(@Query() q: CalendarQuery): CalendarRangeDto {
    const days = DateTime.fromISO(q.to, { zone: 'UTC' }).diff(DateTime.fromISO(q.from, { zone: 'UTC' }), 'days').days;
    if (days < 0) throw DomainError.validation('to', '结束日期不能早于开始日期（to is before from）');
    if (days > MAX_RANGE_DAYS) throw DomainError.validation('to', `日期范围最多 ${MAX_RANGE_DAYS} 天（at most ${MAX_RANGE_DAYS} days）`);
    const inRange = new Set<number>();
    for (let y = Number(q.from.slice(0, 4)); y <= Number(q.to.slice(0, 4)); y++) inRange.add(y);
    const years = this.calendar.years().filter((y) => inRange.has(y.year));
    return {
      from: q.from,
      to: q.to,
      days: this.calendar.specialDays(q.from, q.to).map((d) => ({ date: d.date, kind: d.kind as 'holiday' | 'makeup', working: d.working, name: d.name })),
      years,
      unknownYears: [...inRange].filter((y) => !years.some((k) => k.year === y)),
      dayUnits: [...DAY_UNITS],
    };
  }
}

/** GET /api/calendar: the working calendar itself is CoreModule's (WorkingCalendar). */
@Module({ controllers: [CalendarController] })
export class CalendarModule {}
