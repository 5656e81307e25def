import { FieldError, validationFieldErrors } from '#core';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isMonthDay, isWindowDay, SECTION_DTOS } from '../dto/settings.dto';
import { DEFAULT_CAMPAIGN_SETTINGS } from '../settings/settings.defaults';
import { CampaignSettings, SETTINGS_SECTIONS, SettingsSection } from '../settings/settings.types';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Keys campaigns stored flat before the sections (migration 1764001040000 moves them); a row written
 * by older code or inserted by hand still reads. section.field ← how to take it from the flat jsonb.
 */
const LEGACY: { [S in SettingsSection]: Partial<Record<keyof CampaignSettings[S], (raw: Json) => unknown>> } = {
  deadlines: { reminderOffsetsDays: (r) => r.reminderOffsetsDays, allowOverAllocation: (r) => r.allowOverAllocation },
  escalation: {
    windows: (r) => (r.escalationWindow === undefined ? undefined : [r.escalationWindow]),
    time: (r) => r.escalationTime,
    refusalThreshold: (r) => r.refusalThreshold,
  },
  progress: {
    incentives: (r) => r.incentives,
    // one cadence, flat or in the section, before the list (migration 1764001250000 makes it a list)
    bulletinCadences: (r) => {
      const one = (isObject(r.progress) ? r.progress.bulletinCadence : undefined) ?? r.bulletinCadence;
      return one === undefined ? undefined : [one];
    },
    milestoneMode: (r) => r.milestoneMode,
    // stored as a fraction string ('0.05'); the setting is in percentage points (5)
    statusBandPct: (r) => (/^\d+(\.\d+)?$/.test(String(r.statusBand ?? '')) ? Math.round(Number(r.statusBand) * 10000) / 100 : undefined),
    inspectionIndicatorIds: (r) => r.inspectionIndicatorIds,
  },
  registry: { referenceDate: (r) => r.referenceDate },
  inspection: {
    rectificationDays: (r) => r.rectificationDays,
    rectificationReminderDays: (r) => r.rectificationReminderDays,
    caseDueDays: (r) => r.caseDueDays,
  },
  notices: {},
};

const definedOnly = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Field values of `over` replace those of `base`; a plain object (incentives) is merged one level down; undefined keeps. */
function mergeSection<T extends object>(base: T, over: Json): T {
  const b: Json = { ...(base as unknown as Json) };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined || !(k in b)) continue;
    // a stored value of the wrong shape where an object belongs (an array, a number) reads as the default
    if (isObject(b[k]) && !isObject(v)) continue;
    b[k] = isObject(b[k]) ? { ...b[k], ...definedOnly(v as Json) } : v;
  }
  return b as unknown as T;
}

/** Cross-field rules the DTO decorators cannot state: B ≤ A, a window's ends of one form and in order. */
function crossFieldErrors<S extends SettingsSection>(section: S, v: CampaignSettings[S]): FieldError[] {
  const out: FieldError[] = [];
  if (section === 'progress') {
    const inc: unknown = (v as CampaignSettings['progress']).incentives;
    const [a, b] = isObject(inc) ? [inc.a, inc.b] : [];
    if (typeof a === 'number' && typeof b === 'number' && b > a)
      out.push({ field: 'progress.incentives.b', message: `不能大于 a（${a} %）：低于 B 批评、达到 A 奖励` });
  }
  if (section === 'escalation') {
    const windows = (v as CampaignSettings['escalation']).windows;
    (Array.isArray(windows) ? windows : []).forEach((w, i) => {
      if (!isObject(w) || !isWindowDay(w.from) || !isWindowDay(w.to)) return; // each end's own error says it
      if (isMonthDay(w.from) !== isMonthDay(w.to)) out.push({ field: `escalation.windows[${i}].to`, message: '须与 from 同为 MM-DD 或同为 YYYY-MM-DD' });
      else if (!isMonthDay(w.from) && (w.from as string) > (w.to as string))
        out.push({ field: `escalation.windows[${i}].to`, message: `不能早于 from（${w.from}）` });
    });
  }
  return out;
}

/** Everything wrong with one section's values, fields named from the settings root (`escalation.windows[0].from`). */
export function sectionErrors<S extends SettingsSection>(section: S, value: CampaignSettings[S]): FieldError[] {
  const dto = plainToInstance(SECTION_DTOS[section] as new () => object, value);
  const own = validationFieldErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }), section);
  return [...own, ...crossFieldErrors(section, value)];
}

function readSection<S extends SettingsSection>(section: S, stored: Json): CampaignSettings[S] {
  const def = DEFAULT_CAMPAIGN_SETTINGS[section];
  const candidate = mergeSection(def, stored);
  // the top-level field of each error (`windows` of `escalation.windows[0].from`) takes its default
  const bad = new Set(sectionErrors(section, candidate).map((e) => e.field.slice(section.length + 1).split(/[.[]/)[0]));
  const [d, c]: Json[] = [def as unknown as Json, candidate as unknown as Json];
  return Object.fromEntries(Object.keys(d).map((k) => [k, bad.has(k) ? d[k] : c[k]])) as unknown as CampaignSettings[S];
}

/**
 * The one reader of campaign.settings, for every library: sections as stored, any field missing or
 * malformed (written before validation existed) taking its default, flat pre-section keys still read.
 */
export function readCampaignSettings(stored: unknown): CampaignSettings {
  const raw = isObject(stored) ? stored : {};
  const out = {} as Record<SettingsSection, unknown>;
  for (const section of SETTINGS_SECTIONS) {
    const legacy: Json = {};
    for (const [k, take] of Object.entries(LEGACY[section]) as [string, (r: Json) => unknown][]) legacy[k] = take(raw);
    out[section] = readSection(section, { ...legacy, ...(isObject(raw[section]) ? raw[section] : {}) });
  }
  return out as CampaignSettings;
}

/** `current` with the sections and fields `patch` gives, and what is wrong with the result (empty when it may be stored). */
export function mergeCampaignSettings(
  current: CampaignSettings,
  patch: Partial<Record<SettingsSection, object>>,
): { settings: CampaignSettings; errors: FieldError[] } {
  const settings = { ...current } as Record<SettingsSection, unknown>;
  const errors: FieldError[] = [];
  for (const section of SETTINGS_SECTIONS) {
    const p = patch[section];
    if (!p) continue;
    const merged = mergeSection(current[section], p as Json);
    settings[section] = merged;
    errors.push(...sectionErrors(section, merged));
  }
  return { settings: settings as CampaignSettings, errors };
}

/**
 * SQL text of one setting (as text, NULL when unset) of the campaign row `alias`, for set-based queries
 * that cannot call readCampaignSettings: e.g. settingSql('c', 'registry', 'referenceDate').
 */
export function settingSql<S extends SettingsSection>(alias: string, section: S, field: keyof CampaignSettings[S] & string): string {
  // a flat key of the same name (referenceDate) is the pre-section form of the setting
  const flat = LEGACY[section][field] ? `, ${alias}.settings->>'${field}'` : '';
  return `coalesce(${alias}.settings #>> '{${section},${field}}'${flat})`;
}
