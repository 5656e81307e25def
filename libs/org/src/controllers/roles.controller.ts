import { ROLE_LABELS, ROLES } from '#core';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RoleLabelDto } from '../dto/role.response';
import { AllowedBeforePasswordChange } from '../services/auth.guard';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('roles')
export class RolesController {
  @AllowedBeforePasswordChange()
  @Get()
  @ApiOperation({ summary: 'The roles with their Chinese names, in the order the console offers them; any logged-in user may read them' })
  @ApiOkResponse({ type: [RoleLabelDto] })
  list(): RoleLabelDto[] {
    return ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }));
  }
}
