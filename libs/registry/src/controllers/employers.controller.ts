import { AuthUser, CurrentUser } from '#core';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertId } from './assert-id';
import { EmployerListQuery } from '../dto/entry.dto';
import { EntriesService } from '../services/entries.service';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('registry-employers')
export class EmployersController {
  constructor(private readonly entries: EntriesService) {}

  @Get()
  @ApiOperation({ summary: 'Employers in your scope (filters: status, cadre, uninsured, refusals)' })
  list(@CurrentUser() user: AuthUser, @Query() q: EmployerListQuery) {
    return this.entries.listEmployers(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Full record of an employer; writes an audit row' })
  detail(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.entries.employerDetail(user, assertId(id));
  }

  @Get(':id/visits')
  @ApiOperation({ summary: 'Visit history of an employer, newest first' })
  visits(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.entries.visits(user, 'employer', assertId(id));
  }

  @Get(':id/assignments')
  @ApiOperation({ summary: 'Assignment history of an employer' })
  assignments(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.entries.assignments(user, 'employer', assertId(id));
  }
}
