import { StaffSms } from '#notices';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { PublicChannels } from './public-channels';

/** Lends the SMS gateway to staff notices (escalations by SMS, #notices' StaffSms): one gateway, one signature, one rate. */
@Injectable()
export class StaffSmsSender implements OnModuleInit {
  constructor(
    private readonly staffSms: StaffSms,
    private readonly channels: PublicChannels,
  ) {}

  onModuleInit(): void {
    this.staffSms.use(async (ref, phone, text) => {
      const r = await this.channels.sendSms(ref, phone, text);
      return r.ok ? { ok: true } : r;
    });
  }
}
