import { ApiPagedResponse, AuthUser, CurrentUser, Page, ParseIdPipe, Role, Roles } from '#core';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DutiesService } from './duties.service';
import { CreateDutyDto, DeliverDutyDto, DutyListQuery, UpdateDutyDto } from './duty.dto';
import { DutyCatalogueItemDto, DutyViewDto } from './duty.response';

@ApiTags('duties')
@ApiBearerAuth()
@Controller()
export class DutiesController {
  constructor(private readonly duties: DutiesService) {}

  @Get('duty-catalogue')
  @ApiOperation({ summary: 'What member departments deliver (seed 003 annex 2, seed 002): codes with Chinese labels' })
  @ApiOkResponse({ type: DutyCatalogueItemDto, isArray: true })
  catalogue(): DutyCatalogueItemDto[] {
    return this.duties.catalogue();
  }

  @Get('campaigns/:id/duties')
  @ApiOperation({
    summary: "The campaign's member-department duties and who has delivered: all to those who run it, else your unit subtree's (a department: its own)",
  })
  @ApiPagedResponse(DutyViewDto, 'by department name, then code')
  list(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Query() q: DutyListQuery): Promise<Page<DutyViewDto>> {
    return this.duties.list(user, id, q);
  }

  @Post('campaigns/:id/duties')
  @Roles(Role.Office, Role.Leader)
  @ApiOperation({ summary: 'Give a member department a duty in the campaign: what data, how often, due when (plans its reminders and overdue notice)' })
  @ApiCreatedResponse({ type: DutyViewDto })
  create(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: CreateDutyDto): Promise<DutyViewDto> {
    return this.duties.create(user, id, dto);
  }

  @Put('duties/:id')
  @Roles(Role.Office, Role.Leader)
  @ApiOperation({ summary: "Change a duty's frequency, due day or date and note (replans its reminders)" })
  @ApiOkResponse({ type: DutyViewDto })
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateDutyDto): Promise<DutyViewDto> {
    return this.duties.update(user, id, dto);
  }

  @Delete('duties/:id')
  @Roles(Role.Office, Role.Leader)
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a duty given by mistake, with its deliveries and reminders (audited with what it was)' })
  @ApiNoContentResponse()
  async remove(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.duties.remove(user, id);
  }

  @Post('duties/:id/deliveries')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark the due date the duty waits on delivered (the department itself, or the office)' })
  @ApiOkResponse({ type: DutyViewDto, description: 'the duty with its next due date' })
  deliver(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: DeliverDutyDto): Promise<DutyViewDto> {
    return this.duties.deliver(user, id, dto);
  }
}
