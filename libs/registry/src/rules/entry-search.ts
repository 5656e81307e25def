import { parseIdNumber } from './id-number';
import { parseUscc } from './uscc';

/**
 * What a search box's `q` means for an entry list. A full ID number (18 characters, 17 digits then a digit or X)
 * matches id_number exactly, and is refused when its check character or date is wrong (a mistyped number must
 * not quietly fall back to a name search); 11 digits starting with 1 match the phone exactly; a USCC (employers)
 * matches uscc exactly, likewise checked; anything else is part of a name.
 */
export type EntrySearch =
  | { by: 'idNumber'; value: string }
  | { by: 'phone'; value: string }
  | { by: 'uscc'; value: string }
  | { by: 'name'; value: string }
  | { by: 'invalid'; reason: string };

const ID_SHAPE = /^\d{17}[\dXx]$/;
const PHONE = /^1\d{10}$/;
/** 18 characters of the USCC's set with a letter in them (an all-digit one is read as an ID number's shape first). */
const USCC_SHAPE = /^[0-9A-HJ-NP-RTUWXY]{18}$/i;

export function personSearch(raw: string): EntrySearch {
  const q = raw.trim();
  if (ID_SHAPE.test(q)) {
    const id = parseIdNumber(q);
    return id.ok ? { by: 'idNumber', value: id.idNumber } : { by: 'invalid', reason: id.reason };
  }
  if (PHONE.test(q)) return { by: 'phone', value: q };
  return { by: 'name', value: q };
}

export function employerSearch(raw: string): EntrySearch {
  const q = raw.trim();
  if (USCC_SHAPE.test(q) && /\d{6}/.test(q.slice(2, 8))) {
    const code = parseUscc(q);
    return code.ok ? { by: 'uscc', value: code.uscc } : { by: 'invalid', reason: code.reason };
  }
  return { by: 'name', value: q };
}

/** A LIKE pattern matching `text` anywhere, its own %, _ and \ taken literally (PostgreSQL's default escape \). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}
