import { AuthUser, CurrentUser, DomainError, ErrorCode, ParseIdPipe, Public, Role, Roles, UploadIdempotencyInterceptor, uploadOptions } from '#core';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditLogService } from './audit-log.service';
import { AuthService } from './auth.service';
import { CreateOrgUnitDto, MoveOrgUnitDto, OrgUnitListQuery, UpdateOrgUnitDto } from './dto/org-unit.dto';
import { AllowedBeforePasswordChange } from './auth.guard';
import { AuditQuery, ChangePasswordDto, CreateUserDto, LoginDto, RefreshDto, UpdateUserDto, UserListQuery } from './dto/user.dto';
import { OrgUnitsService } from './org-units.service';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in; answers a 30-minute access token, a refresh token and mustChangePassword. 5 failures in 15 minutes lock the account for 15 minutes (429)' })
  login(@Body() dto: LoginDto, @Req() req: Request) {
    return this.auth.login(dto.username, dto.password, req.ip ?? null);
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Trade the refresh token for a new pair; the old one is spent, and using it again ends the session' })
  refresh(@Body() dto: RefreshDto, @Req() req: Request) {
    return this.auth.refresh(dto.refreshToken, req.ip ?? null);
  }

  @ApiBearerAuth()
  @AllowedBeforePasswordChange()
  @Post('logout')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log out: ends every session of the caller' })
  logout(@CurrentUser() user: AuthUser, @Req() req: Request) {
    return this.auth.logout(user, req.ip ?? null);
  }

  @ApiBearerAuth()
  @AllowedBeforePasswordChange()
  @Post('password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change your own password; every session ends, and the answer carries the tokens of a new one' })
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto, @Req() req: Request) {
    return this.auth.changePassword(user, dto.currentPassword, dto.newPassword, req.ip ?? null);
  }

  @ApiBearerAuth()
  @AllowedBeforePasswordChange()
  @Get('me')
  @ApiOperation({ summary: 'The caller: roles, unit and scope' })
  me(@CurrentUser() user: AuthUser) {
    return user;
  }
}

@ApiTags('org-units')
@ApiBearerAuth()
@Controller('org-units')
export class OrgUnitsController {
  constructor(private readonly units: OrgUnitsService) {}

  @Get()
  @ApiOperation({ summary: 'Units in your scope (filter by level, name or code)' })
  list(@CurrentUser() user: AuthUser, @Query() q: OrgUnitListQuery) {
    return this.units.list(user, q);
  }

  @Post()
  @Roles(Role.Office)
  @ApiOperation({ summary: 'Create a unit under a parent in your scope' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateOrgUnitDto) {
    return this.units.create(user, dto);
  }

  @Post('import')
  @Roles(Role.Office)
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', uploadOptions(20 * 1024 * 1024)), UploadIdempotencyInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', description: 'CSV or XLSX: code,name,level,parent_code' } } } })
  @ApiOperation({ summary: 'Import a tree (CSV or XLSX) in one transaction; any bad row rejects the file with every bad row listed' })
  import(@CurrentUser() user: AuthUser, @UploadedFile() file?: Express.Multer.File) {
    if (!file) throw new DomainError(ErrorCode.Validation, 'file: attach the tree file as form field "file"', [{ field: 'file', message: 'missing' }]);
    return this.units.importTree(user, file.buffer, file.originalname);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One unit' })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.units.get(user, id);
  }

  @Patch(':id')
  @Roles(Role.Office)
  @ApiOperation({ summary: 'Rename a unit or change its duty text' })
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateOrgUnitDto) {
    return this.units.update(user, id, dto);
  }

  @Post(':id/move')
  @Roles(Role.Office)
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a unit (and its subtree) under another parent; 409 naming the tasks while it or a unit below holds live tasks' })
  move(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: MoveOrgUnitDto) {
    return this.units.move(user, id, dto);
  }

  @Post(':id/deactivate')
  @Roles(Role.Office)
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate a unit and its subtree; 409 naming the tasks while it or a unit below holds live tasks' })
  deactivate(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.units.deactivate(user, id);
  }

  @Get(':id/children')
  @ApiOperation({ summary: 'Direct children of a unit' })
  children(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.units.children(user, id);
  }

  @Get(':id/descendants')
  @ApiOperation({ summary: 'Every unit below a unit, paged' })
  descendants(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Query() q: OrgUnitListQuery) {
    return this.units.descendants(user, id, q);
  }

  @Get(':id/ancestors')
  @ApiOperation({ summary: 'Path from the top unit down to this unit' })
  ancestors(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.units.ancestors(user, id);
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@Roles(Role.Admin)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Users in your scope (admin)' })
  list(@CurrentUser() user: AuthUser, @Query() q: UserListQuery) {
    return this.users.list(user, q);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user (admin)' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto, @Req() req: Request) {
    return this.users.create(user, dto, req.ip ?? null);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user (admin)' })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.users.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a user: roles, unit, active, password (admin). A password, role or active change ends their sessions; the last active admin stays one' })
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateUserDto, @Req() req: Request) {
    return this.users.update(user, id, dto, req.ip ?? null);
  }
}

@ApiTags('audit-log')
@ApiBearerAuth()
@Controller('audit-log')
@Roles(Role.Office)
export class AuditLogController {
  constructor(private readonly audit: AuditLogService) {}

  @Get()
  @ApiOperation({ summary: 'Audit log of your subtree, newest first (admin, office)' })
  list(@CurrentUser() user: AuthUser, @Query() q: AuditQuery) {
    return this.audit.list(user, q);
  }
}
