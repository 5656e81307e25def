import { DomainError, ErrorCode, Public } from '#core';
import { Body, Controller, Headers, HttpCode, Logger, Post } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicChannels } from '../channels/public-channels';
import { DeliveryReportDto } from '../dto/outreach.dto';
import { DeliveryReportResultDto } from '../dto/round.response';
import { DeliveryReportsService } from '../services/delivery-reports.service';

@ApiTags('sms-gateway')
@Controller('sms-gateway')
export class SmsGatewayController {
  private readonly logger = new Logger(SmsGatewayController.name);

  constructor(
    private readonly reports: DeliveryReportsService,
    private readonly channels: PublicChannels,
  ) {}

  @Public()
  @Post('reports')
  @HttpCode(200)
  @ApiHeader({ name: 'x-api-key', description: 'the SMS gateway key' })
  @ApiOperation({ summary: 'Delivery report from the SMS gateway (authenticated by the gateway key)' })
  @ApiOkResponse({ type: DeliveryReportResultDto })
  report(@Headers('x-api-key') key: string | undefined, @Body() dto: DeliveryReportDto) {
    if (!this.channels.reportKeyMatches(key)) {
      this.logger.warn(`delivery report refused: ${key ? 'wrong' : 'no'} x-api-key`);
      throw new DomainError(ErrorCode.Unauthenticated, '短信网关密钥缺失或不正确（请求头 x-api-key）: unknown gateway key');
    }
    return this.reports.report(dto);
  }
}
