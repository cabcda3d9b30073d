import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../platform/web/env';
import { notFoundPage } from '../platform/web/errors';
import { field, keepValues, parseForm, textField } from '../platform/web/forms';
import { actionContext, currentMember, formBody, memberOnly, MessagePage, render } from '../platform/web/http';
import { emailField } from '../accounts/forms';
import { operatorsOnly } from '../admin/guard';
import {
  answerInquiry,
  inquiriesForOperators,
  inquiryThread,
  memberInquiries,
  memberInquiryThread,
  openInquiry,
  replyAsMember,
} from './inquiries';
import { AdminInquiriesPage, AdminInquiryPage, InquiryFormPage, MyInquiriesPage, MyInquiryPage } from './pages';
import { inquiryCategories } from './schema';

const inquiryForm = {
  category: field(z.enum(inquiryCategories), (t) => t.common.form.invalid),
  name: textField(z.string().trim().min(1).max(60)),
  email: emailField,
  body: textField(z.string().trim().min(1).max(2000)),
};
const replyForm = { body: textField(z.string().trim().min(1).max(2000)) };
const answerForm = { body: textField(z.string().trim().max(4000)) };
const reference = z.string().regex(/^WZ-[A-Z0-9]{8}$/);

/** 問い合わせ: the form (members and visitors), a member's threads under マイページ, and the operators' side. */
export function supportRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/support', (c) => {
    const member = c.get('view').member;
    const category = inquiryCategories.find((k) => k === c.req.query('category')) ?? 'account';
    return render(
      c,
      <InquiryFormPage v={c.get('view')} values={{ category, name: member?.displayName, email: member?.email }} />,
    );
  });
  app.post('/support', async (c) => {
    const body = await formBody(c);
    const values = keepValues(body, ['category', 'name', 'email', 'body']);
    const form = parseForm(inquiryForm, body);
    if (!form.ok) return render(c, <InquiryFormPage v={c.get('view')} values={values} errors={form.errors} />, 422);
    const v = c.get('view');
    // A logged-in member is answered at their account's address, whatever the field says.
    const input = v.member ? { ...form.value, email: v.member.email } : form.value;
    const result = await openInquiry(
      c.get('deps'),
      { memberId: v.member?.id ?? null, locale: v.locale, ip: actionContext(c).origin.ip },
      input,
    );
    if (!result.ok) return render(c, <InquiryFormPage v={v} values={values} errors={{ form: result.problem }} />, 429);
    return render(
      c,
      <MessagePage
        c={c}
        title={v.t.support.doneTitle}
        body={v.t.support.doneBody(result.reference)}
        link={v.member ? { href: '/mypage/inquiries', label: v.t.support.mineTitle } : undefined}
        noindex
      />,
    );
  });

  app.use('/mypage/inquiries', memberOnly);
  app.use('/mypage/inquiries/*', memberOnly);
  app.get('/mypage/inquiries', async (c) =>
    render(
      c,
      <MyInquiriesPage v={c.get('view')} rows={await memberInquiries(c.get('deps').db, currentMember(c).id)} />,
    ),
  );
  app.get('/mypage/inquiries/:ref', async (c) => {
    const ref = c.req.param('ref');
    const thread = reference.safeParse(ref).success
      ? await memberInquiryThread(c.get('deps').db, currentMember(c).id, ref)
      : null;
    return thread ? render(c, <MyInquiryPage v={c.get('view')} thread={thread} />) : notFoundPage(c);
  });
  app.post('/mypage/inquiries/:ref', async (c) => {
    const ref = c.req.param('ref');
    const thread = reference.safeParse(ref).success
      ? await memberInquiryThread(c.get('deps').db, currentMember(c).id, ref)
      : null;
    if (!thread) return notFoundPage(c);
    const form = parseForm(replyForm, await formBody(c));
    if (!form.ok) return render(c, <MyInquiryPage v={c.get('view')} thread={thread} errors={form.errors} />, 422);
    await replyAsMember(c.get('deps'), currentMember(c).id, ref, form.value.body);
    return c.redirect(`/mypage/inquiries/${ref}`, 303);
  });

  app.use('/admin/inquiries', operatorsOnly);
  app.use('/admin/inquiries/*', operatorsOnly);
  app.get('/admin/inquiries', async (c) =>
    render(c, <AdminInquiriesPage v={c.get('view')} rows={await inquiriesForOperators(c.get('deps').db)} />),
  );
  app.get('/admin/inquiries/:ref', async (c) => {
    const ref = c.req.param('ref');
    const thread = reference.safeParse(ref).success ? await inquiryThread(c.get('deps').db, ref) : null;
    return thread
      ? render(
          c,
          <AdminInquiryPage
            v={c.get('view')}
            thread={thread}
            notice={c.req.query('notice') === 'done' ? c.get('view').t.trust.console.done : null}
          />,
        )
      : notFoundPage(c);
  });
  app.post('/admin/inquiries/:ref', async (c) => {
    const ref = c.req.param('ref');
    const thread = reference.safeParse(ref).success ? await inquiryThread(c.get('deps').db, ref) : null;
    if (!thread) return notFoundPage(c);
    const body = await formBody(c);
    const form = parseForm(answerForm, body);
    const close = body.then === 'close';
    if (!form.ok || (!form.value.body && !close))
      return render(
        c,
        <AdminInquiryPage
          v={c.get('view')}
          thread={thread}
          errors={form.ok ? { body: (t) => t.common.form.required } : form.errors}
        />,
        422,
      );
    await answerInquiry(c.get('deps'), currentMember(c), ref, form.value.body, close);
    return c.redirect(`/admin/inquiries/${ref}?notice=done`, 303);
  });

  return app;
}
