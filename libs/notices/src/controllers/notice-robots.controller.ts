import { ApiPagedResponse, AuthUser, CurrentUser, ParseIdPipe, Role, Roles } from '#core';
import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NoticePreferencesDto, RobotDto, RobotListQuery, SaveRobotDto } from '../dto/robot.dto';
import { NoticeChannelsService } from '../services/notice-channels.service';

@ApiTags('notices')
@ApiBearerAuth()
@Controller('notice-robots')
@Roles(Role.Office)
export class NoticeRobotsController {
  constructor(private readonly channels: NoticeChannelsService) {}

  @Get()
  @ApiOperation({ summary: "Units' group robots in your scope (secrets and URL tokens masked)" })
  @ApiPagedResponse(RobotDto)
  list(@CurrentUser() user: AuthUser, @Query() q: RobotListQuery) {
    return this.channels.list(user, q);
  }

  @Get(':orgUnitId')
  @ApiOperation({ summary: "A unit's group robot" })
  @ApiOkResponse({ type: RobotDto })
  get(@CurrentUser() user: AuthUser, @Param('orgUnitId', ParseIdPipe) unitId: number) {
    return this.channels.get(user, unitId);
  }

  @Put(':orgUnitId')
  @ApiOperation({
    summary: "Set a unit's DingTalk or WeCom group robot",
    description: 'Staff notices to the unit (approvals waiting, overdue, escalations, bulletins, inspection assignments) are also posted there.',
  })
  @ApiOkResponse({ type: RobotDto })
  save(@CurrentUser() user: AuthUser, @Param('orgUnitId', ParseIdPipe) unitId: number, @Body() dto: SaveRobotDto) {
    return this.channels.save(user, unitId, dto);
  }

  @Delete(':orgUnitId')
  @HttpCode(204)
  @ApiOperation({ summary: "Remove a unit's group robot" })
  @ApiNoContentResponse()
  remove(@CurrentUser() user: AuthUser, @Param('orgUnitId', ParseIdPipe) unitId: number) {
    return this.channels.remove(user, unitId);
  }
}

@ApiTags('notices')
@ApiBearerAuth()
@Controller('notice-preferences')
export class NoticePreferencesController {
  constructor(private readonly channels: NoticeChannelsService) {}

  @Get()
  @ApiOperation({ summary: 'My channel for escalations: 站内 (inbox) or 短信 (SMS too)' })
  @ApiOkResponse({ type: NoticePreferencesDto })
  get(@CurrentUser() user: AuthUser) {
    return this.channels.preferences(user);
  }

  @Put()
  @ApiOperation({ summary: 'Set my channel for escalations (SMS needs a phone on my account)' })
  @ApiOkResponse({ type: NoticePreferencesDto })
  set(@CurrentUser() user: AuthUser, @Body() dto: NoticePreferencesDto) {
    return this.channels.setPreferences(user, dto.escalations);
  }
}
