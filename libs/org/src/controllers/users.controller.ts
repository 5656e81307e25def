import { ApiPagedResponse, AuthUser, CurrentUser, ParseIdPipe, Role, Roles } from '#core';
import { Body, Controller, Get, Param, Patch, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UsersService } from '../services/users.service';
import { CreateUserDto, UpdateUserDto, UserListQuery } from '../dto/user.dto';
import { UserDto } from '../dto/user.response';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@Roles(Role.Admin)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles(Role.Admin, Role.Leader, Role.Office, Role.UnitManager)
  @ApiOperation({ summary: 'Users in your scope, phones masked (admin; the leadership, the office and unit managers pick members and cadres from it)' })
  @ApiPagedResponse(UserDto, 'phones masked')
  list(@CurrentUser() user: AuthUser, @Query() q: UserListQuery) {
    return this.users.list(user, q);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user (admin)' })
  @ApiCreatedResponse({ type: UserDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto, @Req() req: Request) {
    return this.users.create(user, dto, req.ip ?? null);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user (admin)' })
  @ApiOkResponse({ type: UserDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.users.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a user: roles, unit, active, password (admin). A password, role or active change ends their sessions; the last active admin stays one',
  })
  @ApiOkResponse({ type: UserDto })
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateUserDto, @Req() req: Request) {
    return this.users.update(user, id, dto, req.ip ?? null);
  }
}
