import { REPLAYED_HEADER, uploadIdOf, uploadOptions, UploadStore } from '#core';
import { CallHandler, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { from, Observable } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';

/**
 * Uploads stream into PostgreSQL (core's UploadStore, never whole in memory), where any worker reads them: no
 * disk is shared between api and worker. A request refused after the file was stored (a bad field, an
 * out-of-scope campaign, a wrong extension) deletes it; an accepted one leaves it to the import, which
 * deletes it when it ends.
 */
@Injectable()
export class RegistryUploadInterceptor extends FileInterceptor('file', uploadOptions(2 * 1024 * 1024 * 1024)) {
  // @Inject: the parent's constructor metadata asks for MULTER_MODULE_OPTIONS at this index.
  constructor(@Inject(UploadStore) private readonly store: UploadStore) {
    super({ storage: store.storage() }); // the factory's options (uploadOptions) are merged over these
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<{ file?: Express.Multer.File }>();
    const res = context.switchToHttp().getResponse<{ getHeader(name: string): unknown }>();
    const drop = async () => {
      if (req.file) await this.store.remove(uploadIdOf(req.file)).catch(() => undefined);
    };
    // Validation pipes run inside next.handle(), so their refusals pass through here too.
    const handled = await super.intercept(context, next);
    return handled.pipe(
      // a repeat under an Idempotency-Key answers the first import: this copy of the file is not needed
      mergeMap(async (body: unknown) => {
        if (res.getHeader(REPLAYED_HEADER)) await drop();
        return body;
      }),
      catchError((e: unknown) =>
        from(drop()).pipe(
          mergeMap(() => {
            throw e;
          }),
        ),
      ),
    );
  }
}
