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
import { MatchListQuery, DepartmentUploadRequestDto } from '../dto/match.dto';
import { RegistryUploadInterceptor } from '../import/registry-upload.interceptor';
import { ImportService } from '../services/import.service';
import { MatchUploadsService } from '../services/match-uploads.service';
import { assertId } from '../dto/assert-id';

/**
 * Department uploads (部门数据上报): a member department reports its list; each row is matched against the campaign's
 * insured roster. Its staff see their own department's uploads and counts only (the office sees all under its unit).
 */
@ApiTags('registry')
@ApiBearerAuth()
@Controller('department-uploads')
@Roles(Role.Department, Role.Office)
export class DepartmentUploadsController {
  constructor(
    private readonly imports: ImportService,
    private readonly matches: MatchUploadsService,
  ) {}

  @Post()
  @Roles(Role.Department)
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
          description:
            'CSV (UTF-8 or GB18030) or XLSX: people 身份证号, 姓名, 电话, 地址, 所属村（社区）代码; employers 统一社会信用代码, 名称, 法定代表人, 地址, 所属村镇代码; deaths 身份证号, 姓名, 死亡日期',
        },
        campaignId: { type: 'integer' },
        dataKind: { type: 'string', enum: ['person', 'employer', 'death'] },
        dutyCode: { type: 'string', description: 'the duty it delivers (default: the department’s one duty of that list)' },
      },
    },
  })
  @ApiOperation({
    summary:
      "Report a department's list: rows in the insured roster count as insured, the others create or update an entry (the upload recorded as its source); death records close people's open entries as deceased; a duty of that list is delivered",
  })
  @ApiAcceptedResponse({ type: RegistryImportDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: DepartmentUploadRequestDto, @UploadedFile() file?: Express.Multer.File) {
    if (!file) throw DomainError.validation('file', '请上传名单文件（表单字段 file）（attach the file as form field "file"）');
    return this.imports.create(user, {
      campaignId: dto.campaignId,
      kind: dto.dataKind === 'employer' ? 'employer' : 'person',
      purpose: 'department',
      dataKind: dto.dataKind,
      dutyCode: dto.dutyCode,
      fileName: file.originalname,
      uploadId: uploadIdOf(file),
    });
  }

  @Get()
  @ApiOperation({
    summary:
      "Department uploads, newest first: a department's own (rows read, insured, new and updated entries, deaths closed, bad rows); the office's: all under its unit",
  })
  @ApiPagedResponse(RegistryImportDto)
  list(@CurrentUser() user: AuthUser, @Query() q: MatchListQuery) {
    return this.matches.list(user, 'department', q);
  }

  @Get(':id')
  @ApiOkResponse({ type: RegistryImportDto })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.matches.get(user, 'department', assertId(id));
  }

  @Get(':id/errors')
  @ApiPagedResponse(RegistryImportErrorDto)
  errors(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() q: ImportErrorListQuery) {
    return this.matches.errors(user, 'department', assertId(id), q);
  }

  @Get(':id/errors.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiFileResponse('text/csv', '行号,<the Chinese column names>,有误的列,原因 (UTF-8 with a BOM)')
  async errorsCsv(@CurrentUser() user: AuthUser, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const csv = await this.matches.errorsCsv(user, 'department', assertId(id));
    res.setHeader('Content-Disposition', attachmentNamed(`部门数据上报${assertId(id)}有误行.csv`));
    return csv;
  }

  @Post(':id/retry')
  @Roles(Role.Department)
  @HttpCode(202)
  @ApiOperation({ summary: 'Run a failed or interrupted upload again (while its file is kept: UPLOAD_RETAIN_FAILED_HOURS)' })
  @ApiAcceptedResponse({ type: RegistryImportDto })
  async retry(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    await this.matches.get(user, 'department', assertId(id));
    return this.imports.retry(user, assertId(id));
  }
}
