import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogService } from './audit-log.service';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { OrgUnit } from './entities/org-unit.entity';
import { User } from './entities/user.entity';
import { AuditLogController, AuthController, OrgUnitsController, UsersController } from './org.controllers';
import { OrgUnitsService } from './org-units.service';
import { ScopeService } from './scope.service';
import { UsersService } from './users.service';

/** Organisation tree, users and roles, login and scope. */
@Module({
  imports: [TypeOrmModule.forFeature([OrgUnit, User]), JwtModule.register({})],
  controllers: [AuthController, OrgUnitsController, UsersController, AuditLogController],
  providers: [OrgUnitsService, UsersService, AuthService, AuthGuard, ScopeService, AuditLogService],
  exports: [OrgUnitsService, UsersService, AuthService, AuthGuard, ScopeService],
})
export class OrgModule {}
