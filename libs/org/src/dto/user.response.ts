import { ROLES, Role } from '#core';
import { ApiProperty } from '@nestjs/swagger';

/** A user account (never its password hash); phones are masked in lists. */
export class UserDto {
  @ApiProperty({ type: 'integer', example: 5 }) id: number;
  @ApiProperty({ example: 'dongxi_manager' }) username: string;
  @ApiProperty({ example: '王建国' }) displayName: string;
  @ApiProperty({ type: String, nullable: true, description: 'masked in lists (138****8000)', example: '13800138000' }) phone: string | null;
  @ApiProperty({ type: 'integer', example: 4 }) orgUnitId: number;
  @ApiProperty({ enum: ROLES, isArray: true, example: [Role.UnitManager] }) roles: Role[];
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'an admin set the password: the user must change it at the next login' }) mustChangePassword: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}
