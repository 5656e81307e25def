import { ApiFileResponse, ApiPagedResponse, AuthUser, CurrentUser, Role, Roles, sendXlsx } from '#core';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PoliceCheckExportQuery, TownQuery } from '../dto/entry.dto';
import { RegistryPersonDto } from '../dto/entry.response';
import { EntriesService } from '../services/entries.service';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('registry-police-checks')
export class PoliceChecksController {
  constructor(private readonly entries: EntriesService) {}

  @Get()
  @ApiOperation({ summary: 'Unreachable people of a town: to check household registration at the police station (seed 001)' })
  @ApiPagedResponse(RegistryPersonDto, 'ID numbers and phones masked')
  list(@CurrentUser() user: AuthUser, @Query() q: TownQuery) {
    return this.entries.policeChecks(user, q);
  }

  @Get('export.xlsx')
  @Roles(Role.Office)
  @ApiFileResponse()
  @ApiOperation({
    summary:
      "The town's police-check list as XLSX for the police station: full ID numbers, for the town's own office only; every person on it is audited as a full read",
  })
  async export(@CurrentUser() user: AuthUser, @Query() q: PoliceCheckExportQuery, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.entries.policeChecksXlsx(user, q));
  }
}
