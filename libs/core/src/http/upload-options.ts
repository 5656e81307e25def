import type { MulterOptions } from '@nestjs/platform-express/multer/interfaces/multer-options.interface';

/**
 * The multer options of every upload route. Browsers send a file name such as 扩面对象.xlsx as raw UTF-8
 * bytes in Content-Disposition; busboy reads those as latin1 unless told otherwise (it would store
 * "æ©é¢å¯¹è±¡.xlsx").
 */
export function uploadOptions(maxBytes: number, more: MulterOptions = {}): MulterOptions {
  return { defParamCharset: 'utf8', ...more, limits: { fileSize: maxBytes, ...more.limits } };
}
