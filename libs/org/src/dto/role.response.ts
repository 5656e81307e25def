import { ROLES, Role } from '#core';
import { ApiProperty } from '@nestjs/swagger';

/** A role's code and the Chinese name the console shows for it. */
export class RoleLabelDto {
  @ApiProperty({ enum: ROLES, example: Role.Cadre }) value: Role;
  @ApiProperty({ example: '包村干部' }) label: string;
}
