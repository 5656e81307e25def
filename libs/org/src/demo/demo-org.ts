import { Role } from '#core';
import { EntityManager } from 'typeorm';
import { AppUserRepository } from '../repositories/app-user.repository';
import { OrgUnitRepository } from '../repositories/org-unit.repository';
import { hashPassword } from '../services/password-hasher';

export const DEMO_PASSWORD = 'Demo@2026';

/** Member departments and the duty each carries (seed 003's list of member units). */
export const DEPARTMENTS: [code: string, name: string, duty: string][] = [
  ['DEP-HRSS', '市人力资源和社会保障局', '牵头扩面征缴工作，负责参保登记、数据比对和业务经办'],
  ['DEP-TAX', '市税务局', '负责社会保险费征收，提供企业纳税和个人所得税申报数据'],
  ['DEP-AMR', '市市场监督管理局', '提供新登记企业、个体工商户名单，协助督促用人单位参保'],
  ['DEP-CIVIL', '市民政局', '提供低保、特困人员名单，配合困难群体代缴'],
  ['DEP-PSB', '市公安局', '提供户籍人口数据，协助核查联系不上人员的户籍信息'],
  ['DEP-NR', '市自然资源局', '提供征地项目和被征地农民名单'],
  ['DEP-INSPECT', '市劳动保障监察支队', '对拒不参保用人单位开展劳动保障监察，下达限期改正指令'],
  ['DEP-AUDIT', '市社会保险稽核中心', '对重点检查名单用人单位开展社会保险稽核'],
];

const DISTRICTS: [string, string, string[]][] = [
  ['东湖区', 'DH', ['临江街道', '青石镇', '柳塘镇', '白沙街道']],
  ['西岭区', 'XL', ['松山镇', '云溪镇', '枫桥街道']],
  ['南川县', 'NC', ['南川镇', '石门乡', '清水镇']],
];
const VILLAGE_NAMES = ['红星村', '光明村', '新华社区', '永安村', '和平村', '长青社区', '团结村', '丰收村', '东升村', '向阳社区', '幸福村', '太平村'];

export interface DemoLogin {
  username: string;
  role: string;
  unit: string;
  who: string;
}

/** A fictional city, 3 districts, 10 towns, 60 villages, member departments, and one login per role. */
export async function seedDemoOrg(ds: EntityManager): Promise<DemoLogin[]> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const units = new OrgUnitRepository();
  const users = new AppUserRepository();
  const unit = async (code: string, name: string, level: string, parentCode: string | null, duty: string | null = null): Promise<void> => {
    await units.insertUnderCode(ds, { code, name, level, parentCode, duty });
  };
  const logins: DemoLogin[] = [];
  const user = async (username: string, displayName: string, unitCode: string, roles: Role[], phone: string, who: string): Promise<void> => {
    await users.insertAtUnitCode(ds, { username, displayName, phone, roles, passwordHash: hash, unitCode });
    logins.push({ username, role: roles.join(','), unit: unitCode, who });
  };

  await unit('YB', '云帆市', 'city', null);
  for (const [code, name, duty] of DEPARTMENTS) await unit(code, name, 'agency', 'YB', duty);
  let v = 0;
  for (const [dName, dCode, towns] of DISTRICTS) {
    await unit(dCode, dName, 'district', 'YB');
    for (let t = 0; t < towns.length; t++) {
      const tCode = `${dCode}${String(t + 1).padStart(2, '0')}`;
      await unit(tCode, towns[t], 'town', dCode);
      for (let i = 0; i < 6; i++) {
        await unit(`${tCode}${String(i + 1).padStart(3, '0')}`, `${towns[t].slice(0, 2)}${VILLAGE_NAMES[(v + i) % VILLAGE_NAMES.length]}`, 'village', tCode);
      }
      v += 6;
    }
  }

  await user('leader', '周振华', 'YB', [Role.Leader], '13900000001', 'leadership group head (组长)');
  await user('deputy', '陈丽', 'YB', [Role.Leader], '13900000002', 'leadership group deputy (副组长)');
  await user('member', '李强', 'YB', [Role.Leader], '13900000003', 'leadership group member (成员)');
  await user('office', '王芳', 'YB', [Role.Office], '13900000004', 'office director (办公室主任)');
  await user('dh_manager', '赵东', 'DH', [Role.UnitManager], '13900000005', 'district manager, 东湖区');
  await user('dh01_manager', '钱江', 'DH01', [Role.UnitManager], '13900000006', 'town manager, 临江街道');
  await user('dh01001_manager', '孙红', 'DH01001', [Role.UnitManager], '13900000007', 'village head, first village of 临江街道');
  await user('cadre', '吴明', 'DH01001', [Role.Cadre], '13900000008', 'responsible cadre (包村干部)');
  await user('cadre2', '郑秀', 'DH01002', [Role.Cadre], '13900000009', 'responsible cadre, second village');
  await user('tax', '冯涛', 'DEP-TAX', [Role.Department], '13900000010', 'member department staff (税务)');
  await user('inspection_manager', '何军', 'DEP-INSPECT', [Role.Department, Role.UnitManager], '13900000011', 'labour inspection manager');
  await user('inspector', '韩磊', 'DEP-INSPECT', [Role.Inspector], '13900000012', 'labour inspector');
  await user('audit_manager', '曹敏', 'DEP-AUDIT', [Role.Department, Role.UnitManager], '13900000013', 'audit centre manager');
  await user('auditor', '彭飞', 'DEP-AUDIT', [Role.Inspector], '13900000014', 'audit inspector');
  return logins;
}
