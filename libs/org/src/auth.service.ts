import { AppConfig, AuthUser, DomainError, ErrorCode, Role } from '#core';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { DataSource } from 'typeorm';

const BCRYPT_ROUNDS = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_ROUNDS);
}

interface UserRow {
  id: number;
  username: string;
  roles: Role[];
  active: boolean;
  org_unit_id: number;
  path: string;
  depth: number;
  password_hash: string;
}

const USER_SQL = `SELECT u.id, u.username, u.roles, u.active, u.org_unit_id, u.password_hash, o.path, o.depth
                    FROM app_user u JOIN org_unit o ON o.id = u.org_unit_id`;

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string): Promise<{ accessToken: string }> {
    const rows: UserRow[] = await this.dataSource.query(`${USER_SQL} WHERE u.username = $1`, [username]);
    const row = rows[0];
    const ok = row && row.active && (await bcrypt.compare(password, row.password_hash));
    if (!ok) throw new DomainError(ErrorCode.Unauthenticated, 'wrong username or password');
    const accessToken = await this.jwt.signAsync({ sub: row.id, username: row.username }, { secret: this.config.jwtSecret, expiresIn: '12h' });
    return { accessToken };
  }

  /** The caller behind a bearer token, read fresh from the database so deactivation and moves apply at once. */
  async userFromToken(token: string): Promise<AuthUser> {
    let sub: number;
    try {
      sub = (await this.jwt.verifyAsync<{ sub: number }>(token, { secret: this.config.jwtSecret })).sub;
    } catch {
      throw new DomainError(ErrorCode.Unauthenticated, 'your session is invalid or has expired; log in again');
    }
    const rows: UserRow[] = await this.dataSource.query(`${USER_SQL} WHERE u.id = $1`, [sub]);
    const row = rows[0];
    if (!row || !row.active) throw new DomainError(ErrorCode.Unauthenticated, 'this account is not active');
    return toAuthUser(row);
  }
}

export function toAuthUser(row: Pick<UserRow, 'id' | 'username' | 'roles' | 'org_unit_id' | 'path' | 'depth'>): AuthUser {
  const roles = row.roles;
  // depth 0 is the root: the only unit without a parent (one tree per installation, index org_unit_one_root)
  const atRoot = row.depth === 0;
  const seesAll = roles.includes(Role.Admin) || (atRoot && (roles.includes(Role.Office) || roles.includes(Role.Leader)));
  return { id: row.id, username: row.username, roles, orgUnitId: row.org_unit_id, orgUnitPath: row.path, seesAll };
}
