// Chinese labels of registry values, as libs/registry registry.types.ts words them for exports.
export const ENTRY_STATUS_LABELS: Record<string, string> = {
  pending: '待走访',
  enrolled: '已参保',
  will_enrol: '承诺参保',
  refused: '拒绝参保',
  insured_elsewhere: '异地参保',
  unreachable: '联系不上',
  moved_away: '已迁出',
  not_eligible: '不符合条件',
  deceased: '已死亡',
  deregistered: '已注销',
  suspended: '停业、歇业',
  not_found: '查无此单位',
};

export const SOURCE_GROUP_LABELS: Record<string, string> = {
  small_business: '小微企业从业人员',
  land_expropriated_farmer: '被征地农民',
  platform_worker: '新就业形态劳动者',
  freelancer: '灵活就业人员',
  resident_pension_well_off: '较高收入城乡居民',
  hardship: '困难群体',
  lapsed_contributor: '中断缴费人员',
  other: '其他',
};
