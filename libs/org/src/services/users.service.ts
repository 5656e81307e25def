import { AuditService, AuthUser, Clock, DomainError, maskPhone, Page, pageOf, Role } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PasswordHasher } from './password-hasher';
import { passwordProblem } from '#core';
import { TreeGuards } from './tree-guards';
import { SessionsService } from './sessions.service';
import { CreateUserDto, UpdateUserDto, UserListQuery } from '../dto/user.dto';
import { User, UserChanges } from '../org.types';
import { ScopeService } from './scope.service';
import { AppUserRepository } from '../repositories/app-user.repository';

/** A user as the API shows them (never with the password hash). */
export type UserView = User;

/** The fields of a user an admin edits directly (a password comes as its hash). */
type EditableFields = Omit<UserChanges, 'passwordHash' | 'mustChangePassword'>;

/** The password policy as a 400 naming the field. */
function checkPassword(password: string, username: string, field: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw DomainError.validation(field, problem);
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly scope: ScopeService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
    private readonly guards: TreeGuards,
    private readonly users: AppUserRepository,
  ) {}

  /** A new account; its password was set by an admin, so the user must change it at first login. */
  async create(actor: AuthUser, dto: CreateUserDto, ip: string | null = null): Promise<UserView> {
    checkPassword(dto.password, dto.username, 'password');
    const passwordHash = await this.hasher.hash(dto.password);
    return this.dataSource.transaction(async (m) => {
      const path = await this.scope.unitPathInScope(actor, dto.orgUnitId, m);
      if (await this.users.usernameTaken(m, dto.username))
        throw DomainError.conflict(`用户名 ${dto.username} 已被占用，请换一个（username ${dto.username} is taken）`, 'username');
      const view = await this.users.insert(m, {
        username: dto.username,
        displayName: dto.displayName,
        phone: dto.phone ?? null,
        orgUnitId: dto.orgUnitId,
        roles: dto.roles,
        active: true,
        mustChangePassword: true,
        passwordHash,
      });
      await this.audit.record(m, actor, { action: 'create', entity: 'user', entityId: view.id, orgUnitPath: path, ip, before: null, after: view });
      return view;
    });
  }

  /**
   * Changes a user. A password set here is an admin reset (to be changed at next login); a password, role or
   * active change ends every session of the user. The last active admin keeps the role and stays active.
   */
  async update(actor: AuthUser, id: number, dto: UpdateUserDto, ip: string | null = null): Promise<UserView> {
    const { password, ...rest } = dto;
    const given = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as EditableFields;
    let passwordHash: string | undefined;
    if (password !== undefined) {
      const target = await this.getIn(actor, id);
      checkPassword(password, target.username, 'password');
      passwordHash = await this.hasher.hash(password);
    }
    return this.dataSource.transaction(async (m) => {
      if (given.active === false || given.roles) await this.users.lockAdmins(m);
      const before = await this.getIn(actor, id, m);
      const path = await this.scope.unitPathInScope(actor, given.orgUnitId ?? before.orgUnitId, m);
      const changes: EditableFields = Object.fromEntries(
        Object.entries(given).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof UserView])),
      );
      const wasAdmin = before.active && before.roles.includes(Role.Admin);
      const staysAdmin = (changes.active ?? before.active) && (changes.roles ?? before.roles).includes(Role.Admin);
      if (wasAdmin && !staysAdmin) await this.refuseLastAdmin(m, id, changes.active === false ? 'active' : 'roles');
      const userChange =
        changes.active === false
          ? 'deactivate'
          : changes.orgUnitId !== undefined
            ? 'move'
            : changes.roles && !changes.roles.includes(Role.Cadre) && before.roles.includes(Role.Cadre)
              ? 'not-cadre'
              : null;
      if (userChange) await this.guards.checkUser(m, { kind: userChange, userId: id, username: before.username });
      const now = this.clock.now();
      const rowChanges: UserChanges = { ...changes };
      if (passwordHash) Object.assign(rowChanges, { passwordHash, mustChangePassword: true });
      if (Object.keys(rowChanges).length) await this.users.update(m, id, rowChanges);
      const revokeFor = passwordHash ? 'password-changed' : changes.active === false ? 'deactivated' : changes.roles ? 'roles-changed' : null;
      if (revokeFor) await this.sessions.revokeAll(m, id, now, revokeFor);
      const after: UserView = { ...before, ...changes, ...(passwordHash ? { mustChangePassword: true } : {}) };
      // only what really changed; the hash never, a new password as passwordChanged: true
      await this.audit.record(m, actor, {
        action: passwordHash ? 'update+password' : 'update',
        entity: 'user',
        entityId: id,
        orgUnitPath: path,
        ip,
        before,
        after: passwordHash ? { ...after, passwordChanged: true } : after,
      });
      return after;
    });
  }

  /** 409 when the user is the last active admin (the caller holds the admins' lock). */
  private async refuseLastAdmin(m: EntityManager, id: number, field: 'active' | 'roles'): Promise<void> {
    if ((await this.users.otherActiveAdmins(m, id)) === 0)
      throw DomainError.conflict(
        '这是最后一个启用的系统管理员账户，不能停用或取消其管理员角色；请先设置另一名管理员（the last active admin must stay）',
        field,
      );
  }

  async get(actor: AuthUser, id: number): Promise<UserView> {
    return this.getIn(actor, id);
  }

  private async getIn(actor: AuthUser, id: number, m: EntityManager = this.dataSource.manager): Promise<UserView> {
    const user = await this.users.findById(m, id);
    if (!user) throw DomainError.notFound('user', id);
    await this.scope.unitPathInScope(actor, user.orgUnitId);
    return user;
  }

  /** Users of the caller's subtree; phone numbers masked. */
  async list(actor: AuthUser, q: UserListQuery): Promise<Page<UserView>> {
    const [items, total] = await this.users.search(this.dataSource.manager, q, this.scope.scopeOf(actor));
    return pageOf(
      items.map((u) => ({ ...u, phone: maskPhone(u.phone) })),
      total,
      q,
    );
  }
}
