import { CampaignReader } from '#campaigns';
import { OrgReader } from '#org';
import { addDemoLapsedPeople } from '#registry';
import { EntityManager } from 'typeorm';
import { MessageState } from '../outreach.types';
import { OutreachMessageRepository } from '../repositories/outreach-message.repository';
import { ReminderRoundRepository } from '../repositories/reminder-round.repository';
import { ENROLLED_SINCE_PLANNED, gatewayRefused, undelivered } from '../rules/failure-reasons';

/** The 18th character of a resident ID number (GB 11643, ISO 7064 MOD 11-2). */
function idCheck(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return '10X98765432'[sum % 11];
}

/**
 * Demo: one finished March reminder round to lapsed contributors of a village, with delivered, failed
 * (空号, invalid number) and skipped (enrolled meanwhile) messages, to a few people it adds to the demo's
 * campaign (seedDemoCampaign runs first).
 */
export async function seedDemoReminderRound(m: EntityManager): Promise<void> {
  const org = new OrgReader();
  const units = await org.unitsByCode(m, ['DH01001', 'DH01']);
  const unit = units.find((u) => u.code === 'DH01001');
  const town = units.find((u) => u.code === 'DH01');
  const officeId = await org.userIdByUsername(m, 'office');
  if (!unit || !town) return;
  const [campaign] = await new CampaignReader().activeCampaigns(m);
  if (!campaign) return;
  const names = ['王秀英', '李建国', '张桂兰', '刘洪涛', '陈淑珍', '杨志强', '赵丽娟', '黄德明', '周玉梅', '吴海军', '徐凤英', '孙立新'];
  const phones = [
    '13905710001',
    '13905710002',
    '13905710003',
    '13905710004',
    '13905710005',
    '13905710006',
    '13905710007',
    '13905710008',
    '13905710009',
    '13900000000',
    '1390571',
    '13905710012',
  ];
  const personIds = await addDemoLapsedPeople(
    m,
    campaign.id,
    unit,
    names.map((name, i) => {
      const birth = `${1960 + i}-0${(i % 9) + 1}-1${i % 10}`;
      const first17 = `330102${birth.replace(/-/g, '')}${100 + i}`;
      return {
        idNumber: first17 + idCheck(first17),
        name,
        sex: i % 2 ? 'M' : 'F',
        birthDate: birth,
        phone: phones[i],
        status: i === 11 ? 'enrolled' : 'pending',
      };
    }),
  );
  const people = personIds.map((id) => ({ id }));
  const roundId = await new ReminderRoundRepository().insertDemoFinished(m, {
    campaignId: campaign.id,
    unit: town,
    lastPersonId: people[people.length - 1].id,
    createdBy: officeId ?? null,
  });
  const body = (name: string) =>
    `${name}您好：您的养老保险已中断缴费，本年度个人缴费标准为3600元，请于2026年3月31日前续缴，以免影响待遇。咨询电话0571-88886666。`;
  const messages = new OutreachMessageRepository();
  for (let i = 0; i < people.length; i++) {
    const state: MessageState = i === 9 || i === 10 ? 'failed' : i === 11 ? 'skipped' : 'delivered';
    const reason =
      i === 9
        ? undelivered('空号 (number does not exist)')
        : i === 10
          ? gatewayRefused('INVALID_NUMBER: 1390571 is not a mobile number')
          : i === 11
            ? ENROLLED_SINCE_PLANNED
            : null;
    await messages.insertDemo(m, {
      roundId,
      personId: people[i].id,
      state,
      recipient: state === 'skipped' ? null : phones[i],
      body: state === 'skipped' ? null : body(names[i]),
      failureReason: reason,
      failurePermanent: i === 10,
      gatewayId: state === 'delivered' || i === 9 ? `demo-${i + 1}` : null,
      attempts: state === 'skipped' ? 0 : 1,
      sentAt: state === 'delivered' || i === 9 ? '2026-03-10T01:05:00Z' : null,
      deliveredAt: state === 'delivered' ? '2026-03-10T01:06:00Z' : null,
      failedAt: state === 'failed' ? '2026-03-10T01:07:00Z' : null,
    });
  }
}
