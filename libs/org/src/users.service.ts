import { AuditService, AuthUser, DomainError, maskPhone, Page, pageOf } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hashPassword } from './auth.service';
import { CreateUserDto, UpdateUserDto, UserListQuery } from './dto/user.dto';
import { User } from './entities/user.entity';
import { ScopeService } from './scope.service';

export type UserView = Omit<User, 'passwordHash'>;

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly scope: ScopeService,
  ) {}

  async create(actor: AuthUser, dto: CreateUserDto): Promise<UserView> {
    return this.dataSource.transaction(async (m) => {
      const path = await this.scope.unitPathInScope(actor, dto.orgUnitId, m);
      const taken = await m.count(User, { where: { username: dto.username } });
      if (taken) throw DomainError.conflict(`username ${dto.username} is taken`, 'username');
      const { password, ...rest } = dto;
      const user = m.create(User, { ...rest, phone: dto.phone ?? null, active: true, passwordHash: await hashPassword(password) });
      await m.insert(User, user);
      const { passwordHash: _, ...view } = user;
      await this.audit.record(m, actor, { action: 'create', entity: 'user', entityId: user.id, orgUnitPath: path, before: null, after: view });
      return view;
    });
  }

  async update(actor: AuthUser, id: number, dto: UpdateUserDto): Promise<UserView> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.getIn(actor, id, m.connection);
      const path = await this.scope.unitPathInScope(actor, dto.orgUnitId ?? before.orgUnitId, m);
      const { password, ...rest } = dto;
      const changes: Partial<User> = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      if (password) changes.passwordHash = await hashPassword(password);
      await m.update(User, { id }, changes);
      const after = { ...before, ...rest };
      await this.audit.record(m, actor, { action: password ? 'update+password' : 'update', entity: 'user', entityId: id, orgUnitPath: path, before, after });
      return after;
    });
  }

  async get(actor: AuthUser, id: number): Promise<UserView> {
    return this.getIn(actor, id, this.dataSource);
  }

  private async getIn(actor: AuthUser, id: number, ds: DataSource): Promise<UserView> {
    const user = await ds.manager.findOne(User, { where: { id } });
    if (!user) throw DomainError.notFound('user', id);
    await this.scope.unitPathInScope(actor, user.orgUnitId);
    return user;
  }

  /** Users of the caller's subtree; phone numbers masked. */
  async list(actor: AuthUser, q: UserListQuery): Promise<Page<UserView>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .innerJoin('org_unit', 'o', 'o.id = u.org_unit_id')
      .where('o.path LIKE :p', { p: `${this.scope.scopePrefix(actor)}%` })
      .orderBy('u.username')
      .offset(q.offset)
      .limit(q.pageSize);
    if (q.role) qb.andWhere(':role = ANY(u.roles)', { role: q.role });
    if (q.q) qb.andWhere('(u.username ILIKE :q OR u.display_name ILIKE :q)', { q: `%${q.q}%` });
    const [items, total] = await qb.getManyAndCount();
    return pageOf(
      items.map((u) => ({ ...u, phone: maskPhone(u.phone) })),
      total,
      q,
    );
  }
}
