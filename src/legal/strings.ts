import { defineStrings } from '../platform/i18n';

export const legalStrings = defineStrings({
  ja: {
    footer: { tokushoho: '特定商取引法に基づく表記', company: '運営会社' },
    sample: 'これはデモ用のサンプル表示です。実在の事業者ではありません。',
    operator: {
      legalName: '事業者の名称',
      representative: '代表者',
      address: '所在地',
      phone: '電話番号',
      email: 'メールアドレス',
      invoiceNumber: '適格請求書発行事業者登録番号',
      invoiceNumberHint: '消費税のインボイス制度で、国税庁に登録された事業者の番号です（T＋13桁）。',
    },
    tokushoho: {
      title: '特定商取引法に基づく表記',
      lead: '技市は、出品者（スキルを提供する会員）と購入者をつなぐサービスです。取引の代金は技市が受け取り、取引の完了後に出品者へお支払いします。',
      price: '販売価格',
      priceBody: '各サービスのページに税込（消費税込み）で表示しています。',
      otherFees: '商品代金以外に必要な料金',
      otherFeesBody: (payoutFee: string) =>
        `購入者：なし（インターネットの通信料はお客様のご負担です）。出品者：販売手数料（売上の一定割合）と、売上の振込ごとに振込手数料${payoutFee}。`,
      feePercent: (percent: number) => `販売手数料は売上の${percent}%（税込）です。`,
      payment: '支払方法',
      paymentBody: 'クレジットカード（現在はテストモードで、実際の請求は行われません）、技市のポイント',
      paymentTiming: '代金の支払時期',
      paymentTimingBody: '購入確認画面で「購入を確定する」を押したときにお支払いいただきます。',
      delivery: '役務の提供時期',
      deliveryBody: '購入後、各サービスに表示した「お届け日数」以内に出品者が納品します。',
      cancel: '返品・キャンセル',
      cancelBody:
        'サービスの性質上、購入後の一方的なキャンセルはできません。取引中・納品後は、取引ページからキャンセルを申し出ることができ、相手が同意するとキャンセルとなり、代金とポイントは購入者に全額返金されます。話し合いで解決しない場合は運営が判断します。',
      environment: '動作環境',
      environmentBody: '最新版のChrome、Safari、Firefox、Edge（JavaScriptが無効でもご利用いただけます）',
    },
    company: {
      title: '運営会社',
      business: '事業内容',
      businessBody: 'スキルマーケット「技市」の運営',
      contact: 'お問い合わせ',
      contactBody: 'ご質問やご相談は、お問い合わせフォームからお送りください。',
    },
    privacy: {
      title: '個人情報取扱事業者（個人情報保護法第32条に基づく公表事項）',
      purposes: '利用目的',
      purposesBody: '上の表の「利用目的」のとおりです。',
      requests: '開示・訂正・利用停止・消去のご請求',
      requestsBody:
        'お問い合わせフォームから「個人情報の請求」を選んでお送りください。ご本人であることを確認したうえで、遅くとも2週間以内にお答えします。手数料はかかりません（無料）。',
      complaints: '苦情・ご相談の窓口',
      complaintsBody: (email: string) =>
        `個人情報の取扱いについての苦情・ご相談は、お問い合わせフォームまたは ${email} までご連絡ください。`,
    },
  },
  en: {
    footer: { tokushoho: 'Specified Commercial Transactions Act notice', company: 'Company' },
    sample: 'This is a sample shown for the demo. It is not a real business.',
    operator: {
      legalName: 'Business name',
      representative: 'Representative',
      address: 'Address',
      phone: 'Telephone',
      email: 'Email',
      invoiceNumber: 'Qualified invoice issuer registration number',
      invoiceNumberHint:
        'The number the National Tax Agency gives businesses registered for qualified invoices (T and 13 digits).',
    },
    tokushoho: {
      title: 'Notice under the Specified Commercial Transactions Act',
      lead: 'Wazaichi connects sellers (members offering skills) with buyers. Wazaichi receives the payment and pays the seller after the order completes.',
      price: 'Prices',
      priceBody: 'Shown on each service page, including consumption tax.',
      otherFees: 'Charges besides the price',
      otherFeesBody: (payoutFee: string) =>
        `Buyers: none (your internet connection costs are your own). Sellers: a sales fee (a share of each sale) and a transfer fee of ${payoutFee} per payout.`,
      feePercent: (percent: number) => `The sales fee is ${percent}% of the sale, tax included.`,
      payment: 'Payment methods',
      paymentBody: 'Credit card (currently in test mode: nothing is really charged), Wazaichi points',
      paymentTiming: 'When you pay',
      paymentTimingBody: 'When you press "Confirm purchase" on the purchase confirmation screen.',
      delivery: 'When the service is provided',
      deliveryBody: 'The seller delivers within the delivery days shown on each service.',
      cancel: 'Returns and cancellation',
      cancelBody:
        'Because these are services, a purchase cannot be cancelled by one side alone. While the order is open or after delivery, either party may ask to cancel on the order page; once the other agrees, the order is cancelled and the payment and points go back to the buyer in full. If you cannot agree, the operator decides.',
      environment: 'Supported browsers',
      environmentBody: 'Current Chrome, Safari, Firefox and Edge (works without JavaScript too)',
    },
    company: {
      title: 'Company',
      business: 'Business',
      businessBody: 'Running the Wazaichi skill marketplace',
      contact: 'Contact',
      contactBody: 'Please send questions through the contact form.',
    },
    privacy: {
      title:
        'Business handling personal information (published under Article 32 of the Act on the Protection of Personal Information)',
      purposes: 'Purposes of use',
      purposesBody: 'As in the "Purpose" column of the table above.',
      requests: 'Requests for disclosure, correction, stopping use or deletion',
      requestsBody:
        'Send them through the contact form, choosing "Personal information request". We confirm it is you and answer within two weeks at the latest. There is no fee.',
      complaints: 'Complaints and questions',
      complaintsBody: (email: string) =>
        `For complaints or questions about how we handle personal information, use the contact form or write to ${email}.`,
    },
  },
});
