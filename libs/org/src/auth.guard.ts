import { AuthUser, DomainError, ErrorCode, hasRole, IS_PUBLIC, REQUIRED_ROLES, Role } from '#core';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthService } from './auth.service';

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
    if (!token) throw new DomainError(ErrorCode.Unauthenticated, 'log in first: this request carries no bearer token');
    const user: AuthUser = await this.auth.userFromToken(token);
    req.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles?.length && !hasRole(user, ...roles)) {
      throw DomainError.forbidden(`this action needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
