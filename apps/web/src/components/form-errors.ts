import type { FormInstance } from 'antd';
import { toApiError, namePath, type ApiError } from '../api/errors';

/**
 * Puts the API's field errors next to the fields of an antd Form (form.setFields). Answers the error and whether
 * every message found a field; a screen shows `error.message` in an ErrorAlert when some did not.
 *
 *   onError: (e) => { const { unplaced } = showFieldErrors(form, e); setBanner(unplaced ? e : null) }
 */
export function showFieldErrors(form: FormInstance, e: unknown): { error: ApiError; unplaced: boolean } {
  const error = toApiError(e);
  const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const placed = error.fields.filter((f) => f.row === undefined && registered.has(JSON.stringify(namePath(f.field))));
  form.setFields(placed.map((f) => ({ name: namePath(f.field), errors: [f.message] })));
  return { error, unplaced: placed.length === 0 || placed.length < error.fields.length };
}
