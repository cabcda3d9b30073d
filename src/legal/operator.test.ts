import { expect, it } from 'vitest';
import { TestClient, lastMailTo } from '../../tests/support/client';
import { createMember } from '../../tests/support/factories';
import { describeOnDatabases } from '../../tests/support/suites';

describeOnDatabases('operator identity', (ctx) => {
  it('names the operator on 特定商取引法に基づく表記 and 運営会社, marked as a sample in the demo', async () => {
    const client = new TestClient(ctx());
    const tokushoho = await client.get('/legal/tokushoho');
    expect(tokushoho.status).toBe(200);
    for (const text of [
      '特定商取引法に基づく表記',
      '株式会社技市サンプル',
      '代表取締役 見本太郎',
      '東京都千代田区千代田1-1',
      '03-0000-0000',
      'support@wazaichi.example',
      '振込手数料250円',
      '売上の10%',
    ]) {
      expect(tokushoho.text).toContain(text);
    }
    expect(tokushoho.text).toContain('サンプル表示です');
    const company = await client.get('/company');
    expect(company.text).toContain('適格請求書発行事業者登録番号');
    expect(company.text).toContain('T7123456789012');
  });

  it('lists the APPI §32 items on the privacy page: name, address, representative, how to ask, the fee, complaints', async () => {
    const page = await new TestClient(ctx()).get('/privacy');
    for (const text of [
      '個人情報保護法第32条',
      '株式会社技市サンプル',
      '代表取締役 見本太郎',
      '東京都千代田区',
      '開示・訂正・利用停止・消去のご請求',
      '手数料はかかりません',
      '苦情・ご相談の窓口',
    ]) {
      expect(page.text).toContain(text);
    }
  });

  it('links the legal pages from the footer of every page and names the operator under every mail', async () => {
    for (const path of ['/', '/help', '/login', '/company']) {
      const page = await new TestClient(ctx()).get(path);
      for (const href of ['href="/legal/tokushoho"', 'href="/company"', 'href="/privacy"'])
        expect(page.text).toContain(href);
    }
    const member = await createMember(ctx(), { verified: false });
    const mail = await lastMailTo(ctx(), member.email);
    expect(mail!.textBody).toContain('運営：株式会社技市サンプル');
    expect(mail!.textBody).toContain('http://localhost:3000/legal/tokushoho');
    expect(mail!.htmlBody).toContain('運営：株式会社技市サンプル');
  });
});
