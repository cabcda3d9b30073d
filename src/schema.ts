// Every table of the app, gathered for drizzle and the migrations. Each feature owns its own file.
export * from './accounts/schema';
export * from './platform/mail/schema';
export * from './platform/mail/noticeSchema';
export * from './marketplace/schema';
export * from './security/schema';
export * from './privacy/schema';
export * from './withdrawal/schema';
export * from './retention/schema';
export * from './export/schema';
export * from './trust/schema';
export * from './sns/schema';
export * from './support/schema';
export * from './favorites/schema';
export * from './blocking/schema';
export * from './reports/schema';
export * from './trading/schema';
export * from './trading/requestSchema';
