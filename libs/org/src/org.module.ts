import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '#core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogService } from './audit-log.service';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { OrgUnit } from './entities/org-unit.entity';
import { User } from './entities/user.entity';
import { AuditLogController, AuthController, OrgUnitsController, UsersController } from './org.controllers';
import { OrgUnitsService } from './org-units.service';
import { PasswordHasher } from './password-hasher';
import { ScopeService } from './scope.service';
import { SessionsService } from './sessions.service';
import { TreeGuards } from './tree-guards';
import { UsersService } from './users.service';

/** Organisation tree, users and roles, login and scope. */
@Module({
  imports: [
    TypeOrmModule.forFeature([OrgUnit, User]),
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
  controllers: [AuthController, OrgUnitsController, UsersController, AuditLogController],
  providers: [OrgUnitsService, UsersService, AuthService, AuthGuard, ScopeService, AuditLogService, PasswordHasher, SessionsService, TreeGuards],
  exports: [OrgUnitsService, UsersService, AuthService, AuthGuard, ScopeService, TreeGuards],
})
export class OrgModule {}
