import { ApiPagedResponse, AuthUser, CurrentUser, Page, ParseIdPipe } from '#core';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MoveDeadlineDto, TaskListQuery } from '../dto/task.dto';
import { TaskSummaryDto, TaskViewDto } from '../dto/task.response';
import { TasksService } from '../services/tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get('mine')
  @ApiOperation({ summary: "Your unit's tasks" })
  @ApiPagedResponse(TaskSummaryDto, 'by deadline; withdrawn tasks left out')
  mine(@CurrentUser() user: AuthUser, @Query() q: TaskListQuery): Promise<Page<TaskSummaryDto>> {
    return this.tasks.mine(user, q);
  }

  @Get()
  @ApiOperation({ summary: 'Tasks of units in your scope' })
  @ApiPagedResponse(TaskSummaryDto, 'by deadline; withdrawn tasks left out')
  list(@CurrentUser() user: AuthUser, @Query() q: TaskListQuery): Promise<Page<TaskSummaryDto>> {
    return this.tasks.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A task with its chain up to the campaign, milestones, allocation and deadline events' })
  @ApiOkResponse({ type: TaskViewDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<TaskViewDto> {
    return this.tasks.get(user, id);
  }

  @Post(':id/deadline')
  @HttpCode(200)
  @ApiOperation({ summary: "Move the deadline of a campaign unit's own task (reschedules reminders and overdue)" })
  @ApiOkResponse({ type: TaskViewDto })
  moveDeadline(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: MoveDeadlineDto): Promise<TaskViewDto> {
    return this.tasks.moveDeadline(user, id, dto.deadline);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a task completed (its holder’s managers or the office)' })
  @ApiOkResponse({ type: TaskViewDto })
  complete(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<TaskViewDto> {
    return this.tasks.complete(user, id);
  }
}
