import {
  ApiFileResponse,
  ApiPagedResponse,
  attachmentNamed,
  AuthUser,
  CurrentUser,
  DomainError,
  Role,
  Roles,
  UploadIdempotencyInterceptor,
  uploadIdOf,
} from '#core';
import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ImportErrorListQuery } from '../dto/import-request.dto';
import { RegistryImportDto, RegistryImportErrorDto } from '../dto/import.response';
import { MatchListQuery, RosterImportRequestDto } from '../dto/match.dto';
import { RegistryUploadInterceptor } from '../import/registry-upload.interceptor';
import { ImportService } from '../services/import.service';
import { MatchUploadsService } from '../services/match-uploads.service';
import { assertId } from '../dto/assert-id';

/** The insured roster (参保库): the office imports the insurance system's insured people and employers per campaign. */
@ApiTags('registry')
@ApiBearerAuth()
@Controller('roster-imports')
@Roles(Role.Office)
export class RosterImportsController {
  constructor(
    private readonly imports: ImportService,
    private readonly matches: MatchUploadsService,
  ) {}

  @Post()
  @HttpCode(202)
  @UseInterceptors(RegistryUploadInterceptor, UploadIdempotencyInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'campaignId', 'dataKind'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description: 'CSV (UTF-8 or GB18030) or XLSX: people 身份证号, 姓名, 险种, 参保日期; employers 统一社会信用代码, 名称, 参保人数',
        },
        campaignId: { type: 'integer' },
        dataKind: { type: 'string', enum: ['person', 'employer'] },
      },
    },
  })
  @ApiOperation({
    summary:
      'Import the insured roster of a campaign (a re-import updates the rows it names); then every open entry in the roster is closed as enrolled and credited to its unit once',
  })
  @ApiAcceptedResponse({ type: RegistryImportDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: RosterImportRequestDto, @UploadedFile() file?: Express.Multer.File) {
    if (!file) throw DomainError.validation('file', '请上传参保库文件（表单字段 file）（attach the file as form field "file"）');
    return this.imports.create(user, {
      campaignId: dto.campaignId,
      kind: dto.dataKind,
      purpose: 'roster',
      dataKind: dto.dataKind,
      fileName: file.originalname,
      uploadId: uploadIdOf(file),
    });
  }

  @Get()
  @ApiOperation({ summary: 'Roster imports filed under your unit, newest first: rows read, new and changed roster rows, entries closed as enrolled' })
  @ApiPagedResponse(RegistryImportDto)
  list(@CurrentUser() user: AuthUser, @Query() q: MatchListQuery) {
    return this.matches.list(user, 'roster', q);
  }

  @Get(':id')
  @ApiOkResponse({ type: RegistryImportDto })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.matches.get(user, 'roster', assertId(id));
  }

  @Get(':id/errors')
  @ApiPagedResponse(RegistryImportErrorDto)
  errors(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() q: ImportErrorListQuery) {
    return this.matches.errors(user, 'roster', assertId(id), q);
  }

  @Get(':id/errors.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiFileResponse('text/csv', '行号,<the Chinese column names>,有误的列,原因 (UTF-8 with a BOM)')
  async errorsCsv(@CurrentUser() user: AuthUser, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const csv = await this.matches.errorsCsv(user, 'roster', assertId(id));
    res.setHeader('Content-Disposition', attachmentNamed(`参保库导入${assertId(id)}有误行.csv`));
    return csv;
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Run a failed or interrupted upload again (while its file is kept: UPLOAD_RETAIN_FAILED_HOURS)' })
  @ApiAcceptedResponse({ type: RegistryImportDto })
  async retry(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    await this.matches.get(user, 'roster', assertId(id));
    return this.imports.retry(user, assertId(id));
  }
}
