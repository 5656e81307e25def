import { AuthUser, CurrentUser, ParseIdPipe, Role, Roles } from '#core';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReminderCountQuery } from '../dto/outreach.dto';
import { PersonReminderCountDto, ReminderCountPageDto } from '../dto/reminder-count.response';
import { ReminderCountsService } from '../services/reminder-counts.service';

@ApiTags('reminder-rounds')
@ApiBearerAuth()
@Controller('reminder-counts')
@Roles(Role.Office)
export class ReminderCountsController {
  constructor(private readonly counts: ReminderCountsService) {}

  @Get()
  @ApiOperation({ summary: 'People of a campaign with fewer than `below` (default 3) reminders this year' })
  @ApiOkResponse({ type: ReminderCountPageDto, description: 'phones masked' })
  below(@CurrentUser() user: AuthUser, @Query() q: ReminderCountQuery) {
    return this.counts.belowCount(user, q);
  }

  @Get(':personId')
  @ApiOperation({ summary: 'How many reminders one registry person got this year' })
  @ApiOkResponse({ type: PersonReminderCountDto })
  person(@CurrentUser() user: AuthUser, @Param('personId', ParseIdPipe) personId: number) {
    return this.counts.personCount(user, personId);
  }
}
