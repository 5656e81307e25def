import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RegistryReferenceDto } from '../dto/reference.response';
import { registryReference } from '../services/registry-reference';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('registry-reference')
export class ReferenceController {
  @Get()
  @ApiOperation({ summary: "The registry's codes with their Chinese labels (statuses, outcomes, groups ...) and the import file columns" })
  @ApiOkResponse({ type: RegistryReferenceDto })
  get(): RegistryReferenceDto {
    return registryReference();
  }
}
