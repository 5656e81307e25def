import { AppConfig, REPLAYED_HEADER, uploadOptions } from '#core';
import { CallHandler, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { from, Observable } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
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
