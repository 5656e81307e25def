import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { AUDIT_SORTS, IsCalendarDate, IsId, IsOptionalNotNull, IsPhone, Role, ROLES, SortablePageQuery } from '#core';

export class CreateUserDto {
  @ApiProperty({ example: 'dongxi_manager' })
  @Matches(/^[A-Za-z0-9_.-]{3,40}$/, { message: 'username may hold letters, digits, _ . - (3 to 40)' })
  username: string;

  @ApiProperty({ example: '王建国' })
  @IsString()
  @Length(1, 60)
  displayName: string;

  @ApiPropertyOptional({ example: '13800138000' })
  @IsOptional()
  @IsPhone()
  phone?: string;

  @ApiProperty()
  @IsId()
  orgUnitId: number;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: 'roles must name at least one role' })
  @IsIn(ROLES, { each: true, message: `each role must be one of ${ROLES.join(', ')}` })
  roles: Role[];

  @ApiProperty({
    minLength: 10,
    description: '10+ characters, 3 of: lower case, upper case, digit, symbol; not the username, not a common password. Must be changed at first login.',
  })
  @IsString()
  @MaxLength(128)
  password: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 60)
  displayName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsPhone()
  phone?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsId()
  orgUnitId?: number;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ minLength: 10, description: 'A reset by the admin: the user must change it at the next login.' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  password?: string;
}

export const USER_SORTS = ['username', 'displayName', 'unitName', 'active', 'createdAt'] as const;
export type UserSort = (typeof USER_SORTS)[number];

export class UserListQuery extends SortablePageQuery(USER_SORTS) {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @Length(1, 40)
  username: string;

  @ApiProperty({ example: 'Admin@2026' })
  @IsString()
  @Length(1, 200)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'the refreshToken of the last login or refresh; it is spent by this call' })
  @IsString()
  @Length(1, 200)
  refreshToken: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  currentPassword: string;

  @ApiProperty({ minLength: 10, description: '10+ characters, 3 of: lower case, upper case, digit, symbol; not the username, not a common password' })
  @IsString()
  @MaxLength(128)
  newPassword: string;
}

export class AuditQuery extends SortablePageQuery(AUDIT_SORTS) {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entity?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actor?: string;

  @ApiPropertyOptional({ description: 'entries from this day on (YYYY-MM-DD, Beijing time)', example: '2026-03-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'entries up to and including this day (YYYY-MM-DD, Beijing time)', example: '2026-03-31' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
