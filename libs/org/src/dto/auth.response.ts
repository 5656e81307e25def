import { ROLES, Role } from '#core';
import { ApiProperty } from '@nestjs/swagger';

/** The tokens of a session: login, refresh and a password change answer them. */
export class SessionTokensDto {
  @ApiProperty({ description: 'bearer token for Authorization: Bearer …', example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…' }) accessToken: string;
  @ApiProperty({ description: 'trade it once at POST /api/auth/refresh for a new pair', example: 'ta_j55R3U-CE3e-RYlReFM5AcV1YjTtBDbr37V5O1Ck' })
  refreshToken: string;
  @ApiProperty({ type: 'integer', description: 'seconds the access token lives', example: 1800 }) expiresIn: number;
  @ApiProperty({ description: 'an admin set the password: only POST /api/auth/password (and me, logout, refresh) work until it is changed' })
  mustChangePassword: boolean;
}

export class LogoutResultDto {
  @ApiProperty({ type: 'integer', description: 'how many sessions of the caller ended', example: 1 }) sessionsEnded: number;
}

/** The caller as the auth guard resolved them (GET /api/auth/me). */
export class MeDto {
  @ApiProperty({ type: 'integer', example: 5 }) id: number;
  @ApiProperty({ example: 'dongxi_manager' }) username: string;
  @ApiProperty({ description: "the person's name, for screens and printed documents", example: '李建国' }) displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true, example: [Role.UnitManager] }) roles: Role[];
  @ApiProperty({ type: 'integer', example: 4 }) orgUnitId: number;
  @ApiProperty({ description: "materialised path of the caller's unit: scope is this path and everything below it", example: '/1/4/' })
  orgUnitPath: string;
  @ApiProperty({ description: "admins and the top unit's office and leaders see the whole tree" }) seesAll: boolean;
  @ApiProperty({ format: 'uuid', description: "the login session behind the request's token" }) sessionId: string;
  @ApiProperty({ description: 'true until the caller changes a password an admin set' }) mustChangePassword: boolean;
}
