import { AppConfig, AuthUser, CurrentUser, DomainError, PageQuery, REPLAYED_HEADER, Role, Roles, UploadIdempotencyInterceptor, uploadOptions } from '#core';
import {
  Body,
  CallHandler,
  Controller,
  ExecutionContext,
  Get,
  Header,
  HttpCode,
  Inject,
  Injectable,
  Param,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { from, Observable } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { ImportRequestDto } from '../dto/import-request.dto';
import { ImportService } from './import.service';
import { privateDiskStorage, removeUpload } from './upload-storage';

/**
 * Uploads land on disk (never in memory) in UPLOAD_DIR, which the worker that streams them must share:
 * created 0600 in a 0700 folder. A request refused after the file was written (a bad field, an
 * out-of-scope campaign, a wrong extension) deletes it; an accepted one leaves it to the import, which
 * deletes it when it ends.
 */
@Injectable()
export class RegistryUploadInterceptor extends FileInterceptor('file', uploadOptions(2 * 1024 * 1024 * 1024)) {
  // @Inject: the parent's constructor metadata asks for MULTER_MODULE_OPTIONS at this index.
  constructor(@Inject(AppConfig) config: AppConfig) {
    super({ storage: privateDiskStorage(config.UPLOAD_DIR) }); // the factory's options (uploadOptions) are merged over these
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<{ file?: Express.Multer.File }>();
    const res = context.switchToHttp().getResponse<{ getHeader(name: string): unknown }>();
    // Validation pipes run inside next.handle(), so their refusals pass through here too.
    const handled = await super.intercept(context, next);
    return handled.pipe(
      // a repeat under an Idempotency-Key answers the first import: this copy of the file is not needed
      mergeMap(async (body: unknown) => {
        if (res.getHeader(REPLAYED_HEADER)) await removeUpload(req.file?.path).catch(() => undefined);
        return body;
      }),
      catchError((e: unknown) =>
        from(removeUpload(req.file?.path).catch(() => undefined)).pipe(
          mergeMap(() => {
            throw e;
          }),
        ),
      ),
    );
  }
}

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
          description: 'CSV (UTF-8) or XLSX with the documented people or employer columns, Chinese or English headers',
        },
        campaignId: { type: 'integer' },
        kind: { type: 'string', enum: ['person', 'employer'] },
      },
    },
  })
  @ApiOperation({ summary: 'Upload a registry file; it is loaded by a queue job whose progress GET /registry-imports/:id reports' })
  create(@CurrentUser() user: AuthUser, @Body() dto: ImportRequestDto, @UploadedFile() file?: Express.Multer.File) {
    if (!file) throw DomainError.validation('file', 'attach the file as form field "file"');
    return this.imports.create(user, { campaignId: dto.campaignId, kind: dto.kind, fileName: file.originalname, filePath: file.path });
  }

  @Get(':id')
  @ApiOperation({ summary: 'Status and progress of an import: rows read, good, bad, inserted, updated' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.imports.get(user, assertId(id));
  }

  @Get(':id/errors')
  @ApiOperation({ summary: 'Bad rows: row number (header = row 1), column and reason' })
  errors(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() q: PageQuery) {
    return this.imports.errors(user, assertId(id), q);
  }

  @Get(':id/errors.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="import-errors.csv"')
  @ApiOperation({ summary: 'Bad rows as a CSV download' })
  errorsCsv(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.imports.errorsCsv(user, assertId(id));
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Run a failed or interrupted import again' })
  retry(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.imports.retry(user, assertId(id));
  }
}

export function assertId(id: string): string {
  if (!/^\d{1,18}$/.test(id)) throw DomainError.validation('id', 'must be a positive integer');
  return id;
}
