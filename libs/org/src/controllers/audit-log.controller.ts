import { ApiPagedResponse, AuthUser, CurrentUser, Role, Roles } from '#core';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditLogService } from '../services/audit-log.service';
import { AuditQuery } from '../dto/user.dto';
import { AuditLogEntryDto } from '../dto/audit-log.response';

@ApiTags('audit-log')
@ApiBearerAuth()
@Controller('audit-log')
@Roles(Role.Office)
export class AuditLogController {
  constructor(private readonly audit: AuditLogService) {}

  @Get()
  @ApiOperation({ summary: 'Audit log of your subtree, newest first (admin, office)' })
  @ApiPagedResponse(AuditLogEntryDto)
  list(@CurrentUser() user: AuthUser, @Query() q: AuditQuery) {
    return this.audit.list(user, q);
  }
}
