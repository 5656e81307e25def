import { ApiPagedResponse, AuthUser, CurrentUser } from '#core';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TownQuery } from '../dto/entry.dto';
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
}
