import { AuthUser, DomainError, ErrorCode, hasRole, IS_PUBLIC, REQUIRED_ROLES, ROLE_LABELS, Role } from '#core';
import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthService } from './auth.service';

const ALLOWED_BEFORE_PASSWORD_CHANGE = 'yingbao:allowed-before-password-change';
/** The route stays open to a caller who must change an admin-set password first (me, password, logout). */
export const AllowedBeforePasswordChange = () => SetMetadata(ALLOWED_BEFORE_PASSWORD_CHANGE, true);

/** Global guard: a bearer token on every route but @Public ones, and the roles a route names. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const header: string | undefined = req.headers?.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) throw new DomainError(ErrorCode.Unauthenticated, '请先登录：请求未携带令牌（log in first: this request carries no bearer token）');
    const user: AuthUser = await this.auth.userFromToken(token);
    req.user = user;
    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(ALLOWED_BEFORE_PASSWORD_CHANGE, targets)) {
      throw DomainError.forbidden('管理员设置的初始密码须先修改：请通过 POST /api/auth/password 设置新密码后再操作（change your password first）');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles?.length && !hasRole(user, ...roles)) {
      throw DomainError.forbidden(
        `您的角色不能执行此操作，须为以下角色之一：${roles.map((r) => ROLE_LABELS[r]).join('、')}（this action needs one of the roles: ${roles.join(', ')}）`,
      );
    }
    return true;
  }
}
