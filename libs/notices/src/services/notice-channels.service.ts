import { AppConfig, AuditService, AuthUser, Clock, DomainError, Page, pageOf } from '#core';
import { ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RobotListQuery, SaveRobotDto } from '../dto/robot.dto';
import { NoticeRobotRepository, RobotRow } from '../repositories/notice-robot.repository';
import { maskRobotUrl, maskSecret, ROBOT_KINDS } from '../rules/robots';

/** Hosts a robot URL may name in production (elsewhere any http(s) URL, for test receivers). */
const ROBOT_HOSTS = { dingtalk: 'oapi.dingtalk.com', wecom: 'qyapi.weixin.qq.com' } as const;

function robotView(r: RobotRow) {
  return {
    orgUnitId: r.org_unit_id,
    unitName: r.unit_name,
    provider: r.provider,
    url: maskRobotUrl(r.url),
    secret: maskSecret(r.secret),
    kinds: r.kinds,
    enabled: r.enabled,
    updatedAt: r.updated_at,
  };
}

/** The units' group robots (set by the office or an admin, in scope) and each user's channel for escalations. */
@Injectable()
export class NoticeChannelsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly robots: NoticeRobotRepository,
  ) {}

  async list(user: AuthUser, q: RobotListQuery): Promise<Page<ReturnType<typeof robotView>>> {
    const scope = await this.scope.listScope(user, q.orgUnitId);
    const db = this.dataSource.manager;
    const rows = await this.robots.page(db, scope, q.offset, q.pageSize);
    return pageOf(rows.map(robotView), await this.robots.count(db, scope), q);
  }

  async get(user: AuthUser, unitId: number) {
    await this.scope.unitPathInScope(user, unitId);
    const row = await this.robots.find(this.dataSource.manager, unitId);
    if (!row) throw DomainError.notFound('notice robot', unitId);
    return robotView(row);
  }

  /** Sets a unit's robot; a secret left out keeps the stored one (DingTalk needs one the first time); a WeCom robot has none. */
  async save(user: AuthUser, unitId: number, dto: SaveRobotDto) {
    let url: URL;
    try {
      url = new URL(dto.url);
    } catch {
      throw DomainError.validation('url', '请填写机器人的 Webhook 地址（not a URL）');
    }
    if (!['http:', 'https:'].includes(url.protocol)) throw DomainError.validation('url', 'Webhook 地址须以 https:// 开头');
    if (this.config.isProduction && (url.protocol !== 'https:' || url.hostname !== ROBOT_HOSTS[dto.provider]))
      throw DomainError.validation('url', `${dto.provider === 'dingtalk' ? '钉钉' : '企业微信'}机器人的地址须为 https://${ROBOT_HOSTS[dto.provider]}/…`);
    if (dto.provider === 'wecom' && !url.searchParams.get('key')) throw DomainError.validation('url', '企业微信机器人的地址须带 key 参数');
    if (dto.provider === 'dingtalk' && !url.searchParams.get('access_token')) throw DomainError.validation('url', '钉钉机器人的地址须带 access_token 参数');
    return this.dataSource.transaction(async (m) => {
      const path = await this.scope.unitPathInScope(user, unitId, m);
      const before = await this.robots.find(m, unitId);
      if (dto.provider === 'dingtalk' && !dto.secret && !(before?.provider === 'dingtalk' && before.secret))
        throw DomainError.validation('secret', '钉钉机器人须填写加签密钥（SEC 开头）');
      await this.robots.upsert(m, {
        unitId,
        provider: dto.provider,
        url: dto.url,
        secret: dto.provider === 'wecom' ? null : (dto.secret ?? before?.secret ?? null),
        kinds: dto.kinds ?? [...ROBOT_KINDS],
        enabled: dto.enabled ?? true,
        by: user.id,
        at: this.clock.now(),
      });
      const after = (await this.robots.find(m, unitId))!;
      const shown = (r: RobotRow | undefined) => r && { ...robotView(r), updatedAt: undefined };
      await this.audit.record(m, user, {
        action: 'notice_robot.save',
        entity: 'notice_robot',
        entityId: unitId,
        orgUnitPath: path,
        before: shown(before) ?? null,
        after: shown(after),
      });
      return robotView(after);
    });
  }

  async remove(user: AuthUser, unitId: number): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const path = await this.scope.unitPathInScope(user, unitId, m);
      const before = await this.robots.find(m, unitId);
      if (!before) throw DomainError.notFound('notice robot', unitId);
      await this.robots.remove(m, unitId);
      await this.audit.record(m, user, {
        action: 'notice_robot.delete',
        entity: 'notice_robot',
        entityId: unitId,
        orgUnitPath: path,
        before: { provider: before.provider },
        after: null,
      });
    });
  }

  async preferences(user: AuthUser) {
    return { escalations: await this.robots.escalationChannel(this.dataSource.manager, user.id) };
  }

  async setPreferences(user: AuthUser, escalations: 'inbox' | 'sms') {
    if (escalations === 'sms') {
      if (!(await this.robots.userPhone(this.dataSource.manager, user.id)))
        throw DomainError.validation('escalations', '您没有登记手机号，无法接收短信；请联系管理员登记');
    }
    await this.robots.setEscalationChannel(this.dataSource.manager, user.id, escalations, this.clock.now());
    return { escalations };
  }
}
