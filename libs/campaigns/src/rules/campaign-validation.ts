import { FieldError, isIsoDate } from '#core';
import type { CreateCampaignDto } from '../dto/campaign.dto';
import { targetError } from './allocation-rules';

/** Cross-field checks of a new campaign (the DTO pipe checks each field). */
export function validateCampaign(dto: CreateCampaignDto): FieldError[] {
  const errors: FieldError[] = [];
  const inPeriod = (d: string) => d >= dto.startsOn && d <= dto.endsOn;
  if (!isIsoDate(dto.startsOn)) errors.push({ field: 'startsOn', message: '不是有效的日期，格式 YYYY-MM-DD（is not a calendar date）' });
  if (!isIsoDate(dto.endsOn)) errors.push({ field: 'endsOn', message: '不是有效的日期，格式 YYYY-MM-DD（is not a calendar date）' });
  if (dto.endsOn < dto.startsOn) errors.push({ field: 'endsOn', message: '结束日期不能早于开始日期（must not be before startsOn）' });
  for (const key of ['inspectionIndicatorIds', 'rosterIndicatorIds'] as const)
    if (dto.settings?.progress?.[key]?.length)
      errors.push({ field: `settings.progress.${key}`, message: '创建时指标尚无编号：请在创建后通过 PUT /api/campaigns/:id/settings 设置' });
  (dto.phases ?? []).forEach((p, i) => {
    if (p.endsOn < p.startsOn) errors.push({ field: `phases[${i}].endsOn`, message: '阶段的结束日期不能早于开始日期（must not be before startsOn）' });
    if (!inPeriod(p.startsOn) || !inPeriod(p.endsOn))
      errors.push({ field: `phases[${i}]`, message: '阶段须在扩面任务的起止日期之内（must lie within the campaign period）' });
  });
  const ms = [...(dto.milestones ?? [])].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  ms.forEach((x, i) => {
    if (!inPeriod(x.dueOn))
      errors.push({ field: 'milestones', message: `时间节点 ${x.dueOn} 不在扩面任务的起止日期之内（${x.dueOn} lies outside the campaign period）` });
    if (i > 0 && ms[i - 1].dueOn === x.dueOn)
      errors.push({ field: 'milestones', message: `${x.dueOn} 有两个时间节点，同一天只能设一个（two milestones on ${x.dueOn}）` });
    if (i > 0 && ms[i - 1].percent > x.percent)
      errors.push({
        field: 'milestones',
        message: '时间节点的进度是累计的：后一个节点的百分比不能低于前一个（milestones are cumulative: percent must not decrease）',
      });
  });
  const codes = new Set<string>();
  (dto.indicators ?? []).forEach((ind, i) => {
    if (codes.has(ind.code))
      errors.push({ field: `indicators[${i}].code`, message: `指标代码 ${ind.code} 重复，每个指标的代码须不同（code ${ind.code} appears twice）` });
    codes.add(ind.code);
    if (ind.kind === 'ratio' && ind.unit !== 'percent')
      errors.push({ field: `indicators[${i}].unit`, message: '比率类指标以 % 计，请把单位设为 %（a ratio indicator is measured in percent）' });
    if (ind.kind !== 'ratio' && ind.unit === 'percent')
      errors.push({ field: `indicators[${i}].unit`, message: '只有比率类指标以 % 计，请另选单位（only a ratio indicator is measured in percent）' });
    if (ind.source && ind.source !== 'reports' && ind.kind !== 'ratio')
      errors.push({
        field: `indicators[${i}].source`,
        message: '取自征地、困难群体记录的指标是比率类（分子、分母由记录算出），请把类型设为比率（a record-fed indicator is a ratio）',
      });
    if (ind.kind === 'ratio' && (!ind.numeratorLabel || !ind.denominatorLabel))
      errors.push({
        field: `indicators[${i}].numeratorLabel`,
        message: '比率类指标须填写分子和分母的名称（a ratio indicator names its numerator and denominator）',
      });
    if (ind.target != null) {
      const err = targetError(ind.kind, ind.target);
      if (err) errors.push({ field: `indicators[${i}].target`, message: err });
    }
  });
  const mem = new Set<string>();
  (dto.members ?? []).forEach((x, i) => {
    const body = x.body ?? 'leadership';
    if (body === 'leadership' && x.role === 'director')
      errors.push({ field: `members[${i}].role`, message: '领导小组只设组长、副组长和成员（the leadership group has head, deputy and member）' });
    if (body === 'office' && (x.role === 'head' || x.role === 'deputy'))
      errors.push({ field: `members[${i}].role`, message: '办公室只设主任和成员（the office has director and member）' });
    if (mem.has(`${body}-${x.userId}`)) errors.push({ field: `members[${i}].userId`, message: '同一人在同一机构中只能出现一次（appears twice）' });
    mem.add(`${body}-${x.userId}`);
  });
  return errors;
}
