import { ApiPagedResponse, AuthUser, CurrentUser, DomainError, ErrorCode, ParseIdPipe, Role, Roles, UploadIdempotencyInterceptor, uploadOptions } from '#core';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgUnitsService } from '../services/org-units.service';
import { TreeImportService } from '../services/tree-import.service';
import { CreateOrgUnitDto, MoveOrgUnitDto, OrgUnitListQuery, UpdateOrgUnitDto } from '../dto/org-unit.dto';
import { CreatedOrgUnitDto, DeactivateResultDto, OrgUnitDto, TreeImportResultDto } from '../dto/org-unit.response';

@ApiTags('org-units')
@ApiBearerAuth()
@Controller('org-units')
export class OrgUnitsController {
  constructor(
    private readonly units: OrgUnitsService,
    private readonly trees: TreeImportService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Units in your scope (filter by level, name or code)' })
  @ApiPagedResponse(OrgUnitDto)
  list(@CurrentUser() user: AuthUser, @Query() q: OrgUnitListQuery) {
    return this.units.list(user, q);
  }

  @Post()
  @Roles(Role.Office)
  @ApiOperation({ summary: 'Create a unit under a parent in your scope' })
  @ApiCreatedResponse({ type: CreatedOrgUnitDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateOrgUnitDto) {
    return this.units.create(user, dto);
  }

  @Post('import')
  @Roles(Role.Office)
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', uploadOptions(20 * 1024 * 1024)), UploadIdempotencyInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', description: 'CSV or XLSX: code,name,level,parent_code' } } } })
  @ApiOperation({ summary: 'Import a tree (CSV or XLSX) in one transaction; any bad row rejects the file with every bad row listed' })
  @ApiOkResponse({ type: TreeImportResultDto })
  import(@CurrentUser() user: AuthUser, @UploadedFile() file?: Express.Multer.File) {
    if (!file)
      throw new DomainError(ErrorCode.Validation, 'file：请上传组织树文件（表单字段 file）（attach the tree file as form field "file"）', [
        { field: 'file', message: '请上传组织树文件（missing）' },
      ]);
    return this.trees.importTree(user, file.buffer, file.originalname);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One unit' })
  @ApiOkResponse({ type: OrgUnitDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.units.get(user, id);
  }

  @Patch(':id')
  @Roles(Role.Office)
  @ApiOperation({ summary: 'Rename a unit or change its duty text' })
  @ApiOkResponse({ type: OrgUnitDto })
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateOrgUnitDto) {
    return this.units.update(user, id, dto);
  }

  @Post(':id/move')
  @Roles(Role.Office)
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a unit (and its subtree) under another parent; 409 naming the tasks while it or a unit below holds live tasks' })
  @ApiOkResponse({ type: OrgUnitDto })
  move(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: MoveOrgUnitDto) {
    return this.units.move(user, id, dto);
  }

  @Post(':id/deactivate')
  @Roles(Role.Office)
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate a unit and its subtree; 409 naming the tasks while it or a unit below holds live tasks' })
  @ApiOkResponse({ type: DeactivateResultDto })
  deactivate(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.units.deactivate(user, id);
  }

  @Get(':id/children')
  @ApiOperation({ summary: 'Direct children of a unit' })
  @ApiOkResponse({ type: [OrgUnitDto] })
  children(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.units.children(user, id);
  }

  @Get(':id/descendants')
  @ApiOperation({ summary: 'Every unit below a unit, paged' })
  @ApiPagedResponse(OrgUnitDto)
  descendants(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Query() q: OrgUnitListQuery) {
    return this.units.descendants(user, id, q);
  }

  @Get(':id/ancestors')
  @ApiOperation({ summary: 'Path from the top unit down to this unit' })
  @ApiOkResponse({ type: [OrgUnitDto] })
  ancestors(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.units.ancestors(user, id);
  }
}
