import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

export enum Role {
  Admin = 'admin',
  Leader = 'leader',
  Office = 'office',
  UnitManager = 'unit_manager',
  Cadre = 'cadre',
  Department = 'department',
  Inspector = 'inspector',
}
export const ROLES = Object.values(Role);

/** The roles' Chinese names: the guard's refusals and GET /api/roles (the console reads them there). */
export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  leader: '领导小组',
  office: '领导小组办公室',
  unit_manager: '单位负责人',
  cadre: '包村干部',
  department: '成员单位',
  inspector: '检查人员',
};

/** The caller, as the auth guard resolved it from the bearer token and the database. */
export interface AuthUser {
  id: number;
  username: string;
  /** The person's name (app_user.display_name) for screens and printed documents; set on HTTP callers. */
  displayName?: string;
  roles: Role[];
  orgUnitId: number;
  /** Materialised path of the caller's unit; scope = this path and everything below it. */
  orgUnitPath: string;
  /** Admins and the top unit's office see the whole tree. */
  seesAll: boolean;
  /** The login session behind the request's token (absent for callers that are not HTTP requests). */
  sessionId?: string;
  /** An admin set the password: only changing it (and me, logout, refresh) is allowed until then. */
  mustChangePassword?: boolean;
}

export const IS_PUBLIC = 'yingbao:public';
export const REQUIRED_ROLES = 'yingbao:roles';

/** The route needs no token (login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** The route needs one of these roles (admin always passes). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user as AuthUser;
});

export function hasRole(user: AuthUser, ...roles: Role[]): boolean {
  return user.roles.includes(Role.Admin) || roles.some((r) => user.roles.includes(r));
}

/** True when the unit with this path is the caller's unit or below it. */
export function pathInScope(user: AuthUser, path: string): boolean {
  return user.seesAll || path.startsWith(user.orgUnitPath);
}
