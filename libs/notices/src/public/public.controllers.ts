import { AuthUser, CurrentUser, DomainError, ErrorCode, ParseIdPipe, Public, Role, Roles } from '#core';
import { Body, Controller, Get, Headers, HttpCode, Logger, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicChannels } from './channels';
import { OutreachService } from './outreach.service';
import {
  DeliveryReportDto,
  PlanRoundDto,
  PreviewBodyDto,
  PreviewTemplateDto,
  ReminderCountQuery,
  RoundListQuery,
  RoundMessagesQuery,
  SaveTemplateDto,
  TemplateUnitQuery,
} from './public.dto';
import { TemplatesService } from './templates.service';

@ApiTags('notice-templates')
@ApiBearerAuth()
@Controller('notice-templates')
@Roles(Role.Office)
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiOperation({ summary: "Message templates of your unit and below, and the ancestors' ones you inherit (editable: false)" })
  list(@CurrentUser() user: AuthUser, @Query() q: RoundListQuery) {
    return this.templates.list(user, q);
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Preview an unsaved template body (an unknown variable is a 400)' })
  previewBody(@Body() dto: PreviewBodyDto) {
    return this.templates.preview(dto.body, dto.values);
  }

  @Get(':kind')
  @ApiOperation({ summary: "The template of a kind that applies at a unit (default yours): its own, else the nearest ancestor's" })
  get(@CurrentUser() user: AuthUser, @Param('kind') kind: string, @Query() q: TemplateUnitQuery) {
    return this.templates.get(user, kind, q.orgUnitId);
  }

  @Put(':kind')
  @ApiOperation({
    summary:
      "Create or replace a unit's template of a kind (default your unit; a unit outside your subtree is a 403); it overrides its ancestors' in its subtree. Refused (400, field body) if it uses an unknown variable",
  })
  save(@CurrentUser() user: AuthUser, @Param('kind') kind: string, @Body() dto: SaveTemplateDto, @Query() q: TemplateUnitQuery) {
    if (!/^[a-z][a-z0-9_.]{2,59}$/.test(kind)) throw DomainError.validation('kind', 'kind may hold a-z, 0-9, _ and . (3 to 60)');
    return this.templates.save(user, kind, dto, q.orgUnitId);
  }

  @Post(':kind/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'The message the template that applies at a unit (default yours) makes with these values (samples for the rest)' })
  preview(@CurrentUser() user: AuthUser, @Param('kind') kind: string, @Body() dto: PreviewTemplateDto, @Query() q: TemplateUnitQuery) {
    return this.templates.previewKind(user, kind, dto.values, q.orgUnitId);
  }
}

@ApiTags('reminder-rounds')
@ApiBearerAuth()
@Controller('reminder-rounds')
@Roles(Role.Office)
export class RoundsController {
  constructor(private readonly outreach: OutreachService) {}

  @Post()
  @ApiOperation({ summary: 'Plan a reminder round for a campaign: target status, subtree, channel, template values' })
  plan(@CurrentUser() user: AuthUser, @Body() dto: PlanRoundDto) {
    return this.outreach.plan(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Reminder rounds in your scope' })
  list(@CurrentUser() user: AuthUser, @Query() q: RoundListQuery) {
    return this.outreach.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A round with its totals per message state' })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.outreach.get(user, id);
  }

  @Get(':id/messages')
  @ApiOperation({ summary: "A round's messages (filter by state), phones masked" })
  messages(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Query() q: RoundMessagesQuery) {
    return this.outreach.messages(user, id, q);
  }

  @Post(':id/start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start (or restart) a round: one message per targeted person, never two' })
  start(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.outreach.start(user, id);
  }

  @Post(':id/resend-failed')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send each failed message once more (not those failed permanently, e.g. invalid number)' })
  resend(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.outreach.resendFailed(user, id);
  }
}

@ApiTags('reminder-rounds')
@ApiBearerAuth()
@Controller('reminder-counts')
@Roles(Role.Office)
export class ReminderCountsController {
  constructor(private readonly outreach: OutreachService) {}

  @Get()
  @ApiOperation({ summary: 'People of a campaign with fewer than `below` (default 3) reminders this year' })
  below(@CurrentUser() user: AuthUser, @Query() q: ReminderCountQuery) {
    return this.outreach.belowCount(user, q);
  }

  @Get(':personId')
  @ApiOperation({ summary: 'How many reminders one registry person got this year' })
  person(@CurrentUser() user: AuthUser, @Param('personId', ParseIdPipe) personId: number) {
    return this.outreach.personCount(user, personId);
  }
}

@ApiTags('sms-gateway')
@Controller('sms-gateway')
export class SmsGatewayController {
  private readonly logger = new Logger(SmsGatewayController.name);

  constructor(
    private readonly outreach: OutreachService,
    private readonly channels: PublicChannels,
  ) {}

  @Public()
  @Post('reports')
  @HttpCode(200)
  @ApiHeader({ name: 'x-api-key', description: 'the SMS gateway key' })
  @ApiOperation({ summary: 'Delivery report from the SMS gateway (authenticated by the gateway key)' })
  report(@Headers('x-api-key') key: string | undefined, @Body() dto: DeliveryReportDto) {
    if (!this.channels.reportKeyMatches(key)) {
      this.logger.warn(`delivery report refused: ${key ? 'wrong' : 'no'} x-api-key`);
      throw new DomainError(ErrorCode.Unauthenticated, '短信网关密钥缺失或不正确（请求头 x-api-key）: unknown gateway key');
    }
    return this.outreach.report(dto);
  }
}
