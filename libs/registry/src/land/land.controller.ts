import { ApiFileResponse, ApiPagedResponse, AuthUser, CurrentUser, ParseIdPipe, Role, Roles, sendXlsx } from '#core';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import {
  AddLandFarmersDto,
  CreateLandProjectDto,
  LandFarmerDto,
  LandFarmerListQuery,
  LandFundSplitDto,
  LandIndicatorQuery,
  LandIndicatorsDto,
  LandProjectDto,
  LandProjectListQuery,
  UpdateLandProjectDto,
  VerifyLandFarmerDto,
} from './land.dto';
import { LandService } from './land.service';

class LandFarmersAddedDto {
  @ApiProperty({ description: 'farmers newly listed' }) added: number;
  @ApiProperty({ description: 'farmers already listed under the same ID number, updated' }) updated: number;
}

/** Leaders read the projects and indicators (as they read hardship rates); the writes stay with the office and unit managers. */
const READERS = [Role.Office, Role.UnitManager, Role.Leader];

/** Land projects (seeds 000 and 004): the office and unit managers, each within their own subtree; leaders read. */
@ApiTags('land')
@ApiBearerAuth()
@Roles(Role.Office, Role.UnitManager)
@Controller('land-projects')
export class LandController {
  constructor(private readonly land: LandService) {}

  @Post()
  @ApiOperation({ summary: 'Create a land project at a unit in your scope' })
  @ApiOkResponse({ type: LandProjectDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateLandProjectDto) {
    return this.land.create(user, dto);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Land projects in your scope (search by name, sorted on the server)' })
  @ApiPagedResponse(LandProjectDto)
  list(@CurrentUser() user: AuthUser, @Query() q: LandProjectListQuery) {
    return this.land.list(user, q);
  }

  @Get('xlsx')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The projects of the list (same filters and order, all pages) as XLSX' })
  @ApiFileResponse()
  async exportXlsx(@CurrentUser() user: AuthUser, @Query() q: LandProjectListQuery, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.land.exportXlsx(user, q));
  }

  @Get('indicators')
  @Roles(...READERS)
  @ApiOperation({ summary: "Seed 004's land indicators (projects verified, fund arrival, insured rate) of a unit and its children, computed" })
  @ApiOkResponse({ type: LandIndicatorsDto })
  indicators(@CurrentUser() user: AuthUser, @Query() q: LandIndicatorQuery) {
    return this.land.indicators(user, q);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'A land project with its verification deadline and fund split' })
  @ApiOkResponse({ type: LandProjectDto })
  detail(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.land.detail(user, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a land project (a fund split made must still add up)' })
  @ApiOkResponse({ type: LandProjectDto })
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateLandProjectDto) {
    return this.land.update(user, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a land project and its farmers' })
  @ApiNoContentResponse()
  async remove(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.land.remove(user, id);
  }

  @Put(':id/fund-split')
  @ApiOperation({ summary: 'Split the fund into personal pension accounts: people × amountEach must equal fundDue to the fen' })
  @ApiOkResponse({ type: LandProjectDto })
  split(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: LandFundSplitDto) {
    return this.land.split(user, id, dto);
  }

  @Post(':id/farmers')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add the farmers of a project (JSON list; one listed under the same ID number is updated)' })
  @ApiOkResponse({ type: LandFarmersAddedDto })
  addFarmers(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: AddLandFarmersDto) {
    return this.land.addFarmers(user, id, dto);
  }

  @Get(':id/farmers')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The farmers of a project, ID numbers masked' })
  @ApiPagedResponse(LandFarmerDto, 'ID numbers masked')
  farmers(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Query() q: LandFarmerListQuery) {
    return this.land.farmers(user, id, q);
  }

  @Get(':id/farmers/xlsx')
  @Roles(...READERS)
  @ApiOperation({ summary: "The project's per-person table (verification, personal account, enrolment; ID numbers masked) as XLSX" })
  @ApiFileResponse()
  async farmersXlsx(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.land.farmersXlsx(user, id));
  }

  @Patch(':id/farmers/:farmerId')
  @HttpCode(204)
  @ApiOperation({ summary: "Record a farmer's verification (today when no date is given)" })
  @ApiNoContentResponse()
  async verify(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Param('farmerId', ParseIdPipe) farmerId: number,
    @Body() dto: VerifyLandFarmerDto,
  ): Promise<void> {
    await this.land.verifyFarmer(user, id, farmerId, dto);
  }
}
