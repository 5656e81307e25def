import { ApiPagedResponse, AuthUser, CurrentUser, ParseIdPipe, Role, Roles } from '#core';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreatePlanDto, PlanListQuery, ReminderPlanDto } from '../dto/plan.dto';
import { PlansService } from '../services/plans.service';

@ApiTags('reminder-rounds')
@ApiBearerAuth()
@Controller('reminder-plans')
@Roles(Role.Office)
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Post()
  @ApiOperation({ summary: "Plan a campaign's reminder rounds ahead: dates or every N months, target groups; each starts by itself on its date" })
  @ApiCreatedResponse({ type: ReminderPlanDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreatePlanDto) {
    return this.plans.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Reminder plans in your scope, newest first' })
  @ApiPagedResponse(ReminderPlanDto)
  list(@CurrentUser() user: AuthUser, @Query() q: PlanListQuery) {
    return this.plans.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A reminder plan with its next dates' })
  @ApiOkResponse({ type: ReminderPlanDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.plans.get(user, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop a plan: it starts no more rounds (started ones run on)' })
  @ApiOkResponse({ type: ReminderPlanDto })
  cancel(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.plans.cancel(user, id);
  }
}
