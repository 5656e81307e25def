import * as bcrypt from 'bcryptjs';
import { hashPassword } from './password-hasher';

describe('hashPassword', () => {
  it('hashes at cost 12 by default', async () => {
    const hash = await hashPassword('Linjiang-2026x');
    expect(bcrypt.getRounds(hash)).toBe(12);
    expect(await bcrypt.compare('Linjiang-2026x', hash)).toBe(true);
  });
});
