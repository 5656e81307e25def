import { AuthUser, CurrentUser, Public } from '#core';
import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService } from '../services/auth.service';
import { AllowedBeforePasswordChange } from '../services/auth.guard';
import { ChangePasswordDto, LoginDto, RefreshDto } from '../dto/user.dto';
import { LogoutResultDto, MeDto, SessionTokensDto } from '../dto/auth.response';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in; answers a 30-minute access token, a refresh token and mustChangePassword. 5 failures in 15 minutes lock the account for 15 minutes (429)',
  })
  @ApiOkResponse({ type: SessionTokensDto })
  login(@Body() dto: LoginDto, @Req() req: Request) {
    return this.auth.login(dto.username, dto.password, req.ip ?? null);
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Trade the refresh token for a new pair; the old one is spent, and using it again ends the session' })
  @ApiOkResponse({ type: SessionTokensDto })
  refresh(@Body() dto: RefreshDto, @Req() req: Request) {
    return this.auth.refresh(dto.refreshToken, req.ip ?? null);
  }

  @ApiBearerAuth()
  @AllowedBeforePasswordChange()
  @Post('logout')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log out: ends every session of the caller' })
  @ApiOkResponse({ type: LogoutResultDto })
  logout(@CurrentUser() user: AuthUser, @Req() req: Request) {
    return this.auth.logout(user, req.ip ?? null);
  }

  @ApiBearerAuth()
  @AllowedBeforePasswordChange()
  @Post('password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change your own password; every session ends, and the answer carries the tokens of a new one' })
  @ApiOkResponse({ type: SessionTokensDto })
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto, @Req() req: Request) {
    return this.auth.changePassword(user, dto.currentPassword, dto.newPassword, req.ip ?? null);
  }

  @ApiBearerAuth()
  @AllowedBeforePasswordChange()
  @Get('me')
  @ApiOperation({ summary: 'The caller: roles, unit and scope' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() user: AuthUser) {
    return user;
  }
}
