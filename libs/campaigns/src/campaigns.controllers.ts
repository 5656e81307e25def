import { AuthUser, CurrentUser, OptionalIdPipe, ParseIdPipe, Role, Roles, sendXlsx, XLSX_MIME } from '#core';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AllocationsService } from './allocations/allocations.service';
import { CampaignsService } from './campaigns.service';
import { AllocationListQuery, CreateAllocationDto, RejectAllocationDto, StepCommentDto, UpdateAllocationDto } from './dto/allocation.dto';
import { ActivateCampaignDto, CampaignListQuery, CreateCampaignDto } from './dto/campaign.dto';
import { MoveDeadlineDto, TaskListQuery } from './dto/task.dto';
import { AllocationExportService } from './exports/allocation-export.service';
import { TasksService } from './tasks/tasks.service';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly exports: AllocationExportService,
  ) {}

  @Post()
  @Roles(Role.Leader, Role.Office)
  @ApiOperation({ summary: 'Create a campaign (draft) with period, phases, milestones, settings, leadership group, office and indicators' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCampaignDto) {
    return this.campaigns.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Campaigns you take part in (run in your scope, above your unit, or as a member)' })
  list(@CurrentUser() user: AuthUser, @Query() q: CampaignListQuery) {
    return this.campaigns.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A campaign with phases, milestones, members, indicators and its top-level tasks' })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.campaigns.get(user, id);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @ApiOperation({ summary: "draft → active: sets the campaign unit's targets (top-level tasks) and starts deadline enforcement" })
  activate(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: ActivateCampaignDto) {
    return this.campaigns.activate(user, id, dto);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'active → closed: no more reminders or overdue transitions' })
  close(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.campaigns.close(user, id);
  }

  @Get(':id/allocation-table')
  @ApiProduces(XLSX_MIME)
  @ApiQuery({ name: 'unitId', required: false, description: "the allocating unit (default: the campaign's unit)" })
  @ApiOperation({ summary: '任务分解表 (XLSX): one unit’s approved split of every indicator, with the total row' })
  async table(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Res({ passthrough: true }) res: Response,
    @Query('unitId', OptionalIdPipe) unitId?: number,
  ) {
    return sendXlsx(res, await this.exports.campaignTable(user, id, unitId));
  }
}

@ApiTags('allocations')
@ApiBearerAuth()
@Controller('allocations')
export class AllocationsController {
  constructor(
    private readonly allocations: AllocationsService,
    private readonly exports: AllocationExportService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Draft the split of a task over units of its holder’s subtree (a new version when one is approved)' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateAllocationDto) {
    return this.allocations.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Allocations in your scope or of campaigns you are a member of' })
  list(@CurrentUser() user: AuthUser, @Query() q: AllocationListQuery) {
    return this.allocations.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An allocation version with its lines, approval history and all versions' })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.allocations.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Replace the lines of a draft or rejected allocation' })
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateAllocationDto) {
    return this.allocations.update(user, id, dto);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'draft/rejected → submitted (allocating unit managers or office)' })
  submit(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: StepCommentDto) {
    return this.allocations.submit(user, id, dto.comment);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'submitted → approved (leadership head/deputy or admin); creates or updates the tasks' })
  approve(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: StepCommentDto) {
    return this.allocations.approve(user, id, dto.comment);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'submitted → rejected with a reason (leadership head/deputy or admin)' })
  reject(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: RejectAllocationDto) {
    return this.allocations.reject(user, id, dto.reason);
  }

  @Get(':id/export')
  @ApiProduces(XLSX_MIME)
  @ApiOperation({ summary: 'This allocation version as an XLSX 任务分解表' })
  async export(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.exports.allocation(user, id));
  }
}

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get('mine')
  @ApiOperation({ summary: "Your unit's tasks" })
  mine(@CurrentUser() user: AuthUser, @Query() q: TaskListQuery) {
    return this.tasks.mine(user, q);
  }

  @Get()
  @ApiOperation({ summary: 'Tasks of units in your scope' })
  list(@CurrentUser() user: AuthUser, @Query() q: TaskListQuery) {
    return this.tasks.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A task with its chain up to the campaign, milestones, allocation and deadline events' })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.tasks.get(user, id);
  }

  @Post(':id/deadline')
  @HttpCode(200)
  @ApiOperation({ summary: "Move the deadline of a campaign unit's own task (reschedules reminders and overdue)" })
  moveDeadline(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: MoveDeadlineDto) {
    return this.tasks.moveDeadline(user, id, dto.deadline);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a task completed (its holder’s managers or the office)' })
  complete(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.tasks.complete(user, id);
  }
}
