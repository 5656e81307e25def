import { ApiPagedResponse, AuthUser, CurrentUser, ParseIdPipe, Role, Roles } from '#core';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlanRoundDto, RoundListQuery, RoundMessagesQuery } from '../dto/outreach.dto';
import { ReminderRoundDetailDto, ReminderRoundDto, ResendResultDto, RoundMessageDto } from '../dto/round.response';
import { RoundsService } from '../services/rounds.service';

@ApiTags('reminder-rounds')
@ApiBearerAuth()
@Controller('reminder-rounds')
@Roles(Role.Office)
export class RoundsController {
  constructor(private readonly rounds: RoundsService) {}

  @Post()
  @ApiOperation({ summary: 'Plan a reminder round for a campaign: target status, subtree, channel, template values' })
  @ApiCreatedResponse({ type: ReminderRoundDto, description: 'the round planned (the same plan posted again within seconds: the round already planned)' })
  plan(@CurrentUser() user: AuthUser, @Body() dto: PlanRoundDto) {
    return this.rounds.plan(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Reminder rounds in your scope' })
  @ApiPagedResponse(ReminderRoundDto)
  list(@CurrentUser() user: AuthUser, @Query() q: RoundListQuery) {
    return this.rounds.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A round with its totals per message state' })
  @ApiOkResponse({ type: ReminderRoundDetailDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.rounds.get(user, id);
  }

  @Get(':id/messages')
  @ApiOperation({ summary: "A round's messages (filter by state), phones masked" })
  @ApiPagedResponse(RoundMessageDto)
  messages(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Query() q: RoundMessagesQuery) {
    return this.rounds.messages(user, id, q);
  }

  @Post(':id/start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start (or restart) a round: one message per targeted person, never two' })
  @ApiOkResponse({ type: ReminderRoundDto })
  start(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.rounds.start(user, id);
  }

  @Post(':id/resend-failed')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send each failed message once more (not those failed permanently, e.g. invalid number)' })
  @ApiOkResponse({ type: ResendResultDto })
  resend(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.rounds.resendFailed(user, id);
  }
}
