import {
  ApiFileResponse,
  ApiPagedResponse,
  attachmentNamed,
  AuthUser,
  uploadIdOf,
  CurrentUser,
  DomainError,
  Role,
  Roles,
  sendXlsx,
  UploadIdempotencyInterceptor,
} from '#core';
import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ImportErrorListQuery, ImportListQuery, ImportRequestDto, ImportTemplateQuery } from '../dto/import-request.dto';
import { importTemplate } from '../import/import-template';
import { RegistryImportErrorDto, RegistryImportDto } from '../dto/import.response';
import { ImportService } from '../services/import.service';
import { assertId } from '../dto/assert-id';
import { RegistryUploadInterceptor } from '../import/registry-upload.interceptor';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('registry-imports')
@Roles(Role.Office, Role.UnitManager)
export class ImportController {
  constructor(private readonly imports: ImportService) {}

  @Post()
  @HttpCode(202)
  @UseInterceptors(RegistryUploadInterceptor, UploadIdempotencyInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'campaignId', 'kind'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description:
            'CSV (UTF-8, or GBK/GB18030 as Excel on Chinese Windows saves it) or XLSX with the documented people or employer columns; Chinese or English headers or their aliases',
        },
        campaignId: { type: 'integer' },
        kind: { type: 'string', enum: ['person', 'employer'] },
      },
    },
  })
  @ApiOperation({ summary: 'Upload a registry file; it is loaded by a queue job whose progress GET /registry-imports/:id reports' })
  @ApiAcceptedResponse({ type: RegistryImportDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: ImportRequestDto, @UploadedFile() file?: Express.Multer.File) {
    if (!file) throw DomainError.validation('file', '请上传名册文件（表单字段 file）（attach the file as form field "file"）');
    return this.imports.create(user, { campaignId: dto.campaignId, kind: dto.kind, fileName: file.originalname, uploadId: uploadIdOf(file) });
  }

  @Get()
  @Roles(Role.Office, Role.UnitManager, Role.Department)
  @ApiOperation({
    summary:
      'Imports filed under your unit and the units below it, newest first (filter by campaign, status, kind; mine=true for your own uploads); member-department staff see only their own uploads',
  })
  @ApiPagedResponse(RegistryImportDto)
  list(@CurrentUser() user: AuthUser, @Query() q: ImportListQuery) {
    return this.imports.list(user, q);
  }

  @Get('template.xlsx')
  @Roles(Role.Office, Role.UnitManager, Role.Department)
  @ApiFileResponse()
  @ApiOperation({
    summary:
      'The import template: the documented columns with Chinese headers, an example row, and a sheet 填写说明 (required columns, formats, other headers accepted)',
  })
  async template(@Query() q: ImportTemplateQuery, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await importTemplate(q.kind));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Status and progress of an import: rows read, good, bad, inserted, updated' })
  @ApiOkResponse({ type: RegistryImportDto })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.imports.get(user, assertId(id));
  }

  @Get(':id/errors')
  @ApiOperation({ summary: 'Bad rows: row number (header = row 1), column and reason' })
  @ApiPagedResponse(RegistryImportErrorDto)
  errors(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() q: ImportErrorListQuery) {
    return this.imports.errors(user, assertId(id), q);
  }

  @Get(':id/errors.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({
    summary:
      "Bad rows as a CSV download, named 名册导入<id>有误行.csv: the row number, the row's values under the Chinese column names, the columns at fault and the reasons",
  })
  @ApiFileResponse('text/csv', '行号,<the Chinese column names>,有误的列,原因 (UTF-8 with a BOM, so that Excel opens it)')
  async errorsCsv(@CurrentUser() user: AuthUser, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const csv = await this.imports.errorsCsv(user, assertId(id));
    res.setHeader('Content-Disposition', attachmentNamed(`名册导入${assertId(id)}有误行.csv`));
    return csv;
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Run a failed or interrupted import again' })
  @ApiAcceptedResponse({ type: RegistryImportDto })
  retry(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.imports.retry(user, assertId(id));
  }
}
