import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '#core';
import { AuditLogService } from './services/audit-log.service';
import { AuthGuard } from './services/auth.guard';
import { AuthService } from './services/auth.service';
import { AuditLogController } from './controllers/audit-log.controller';
import { AuthController } from './controllers/auth.controller';
import { OrgUnitsController } from './controllers/org-units.controller';
import { RolesController } from './controllers/roles.controller';
import { UsersController } from './controllers/users.controller';
import { AppUserRepository } from './repositories/app-user.repository';
import { LoginFailureRepository } from './repositories/login-failure.repository';
import { OrgUnitRepository } from './repositories/org-unit.repository';
import { OrgReader } from './readers/org-reader';
import { UserSessionRepository } from './repositories/user-session.repository';
import { OrgUnitsService } from './services/org-units.service';
import { PasswordHasher } from './services/password-hasher';
import { ScopeService } from './services/scope.service';
import { SessionsService } from './services/sessions.service';
import { PlaceholderRootService } from './services/placeholder-root.service';
import { TreeGuards } from './services/tree-guards';
import { TreeImportService } from './services/tree-import.service';
import { UsersService } from './services/users.service';

/** Organisation tree, users and roles, login and scope. */
@Module({
  imports: [
    JwtModule.register({}),
    // per client address on login and refresh (@UseGuards(ThrottlerGuard) there); accounts have their own lockout
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'auth', ttl: config.LOGIN_THROTTLE_WINDOW_SECONDS * 1000, limit: config.LOGIN_THROTTLE_LIMIT }],
        errorMessage: `登录请求过于频繁，请 ${config.LOGIN_THROTTLE_WINDOW_SECONDS} 秒后再试（too many requests）`,
      }),
    }),
  ],
  controllers: [AuthController, OrgUnitsController, UsersController, AuditLogController, RolesController],
  providers: [
    OrgUnitsService,
    PlaceholderRootService,
    TreeImportService,
    UsersService,
    AuthService,
    AuthGuard,
    ScopeService,
    AuditLogService,
    PasswordHasher,
    SessionsService,
    TreeGuards,
    OrgUnitRepository,
    AppUserRepository,
    UserSessionRepository,
    LoginFailureRepository,
    OrgReader,
  ],
  exports: [OrgUnitsService, UsersService, AuthService, AuthGuard, ScopeService, TreeGuards, OrgReader],
})
export class OrgModule {}
