import type { FormInstance } from 'antd';
import { ApiError, fieldLines, toApiError, namePath } from '../api/errors';

/**
 * Puts the API's field errors next to the fields of an antd Form (form.setFields). Answers the error for the banner and
 * whether some message found no field: then the banner's error lists just those, each under the form's Chinese label
 * ("第3行 目标数：…"; `labels` by field name or whole path, FIELD_LABELS for the rest), never a raw path.
 *
 *   onError: (e) => { const { error, unplaced } = showFieldErrors(form, e, { target: '目标数' }); setBanner(unplaced ? error : null) }
 */
export function showFieldErrors(form: FormInstance, e: unknown, labels: Readonly<Record<string, string>> = {}): { error: ApiError; unplaced: boolean } {
  const error = toApiError(e);
  const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const isPlaced = (f: ApiError['fields'][number]) => f.row === undefined && registered.has(JSON.stringify(namePath(f.field)));
  const placed = error.fields.filter(isPlaced);
  form.setFields(placed.map((f) => ({ name: namePath(f.field), errors: [f.message] })));
  const rest = error.fields.filter((f) => !isPlaced(f));
  const unplaced = placed.length === 0 || rest.length > 0;
  // with nothing placed and no labels of its own, the API's whole message (its paths in Chinese) says more
  if (!rest.length || rest.some((f) => f.row !== undefined) || (!placed.length && !Object.keys(labels).length)) return { error, unplaced };
  return { error: unplacedError(error, rest, labels), unplaced };
}

/** The banner's error: the fields no form item showed, each under its Chinese label. */
export function unplacedError(error: ApiError, rest: ApiError['fields'], labels: Readonly<Record<string, string>> = {}): ApiError {
  return new ApiError(error.status, { statusCode: error.status, error: error.code, message: fieldLines(rest, labels), fields: rest });
}
