import type { Child } from 'hono/jsx';
import { logoSvg } from './brand';
import { Icon, type IconName } from './icons';
import type { ViewContext } from './env';

/** The frame of every page. It shows what it is given and decides nothing. */
export function Layout(props: { v: ViewContext; title: string; children: Child; noindex?: boolean; head?: Child }) {
  const { v } = props;
  const t = v.t.common;
  const title = `${props.title} | ${t.siteName}`;
  return (
    <html lang={v.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {props.noindex ? <meta name="robots" content="noindex" /> : null}
        <title>{title}</title>
        <meta name="description" content={t.tagline} />
        <meta property="og:type" content="website" />
        <meta property="og:site_name" content={t.siteName} />
        <meta property="og:title" content={title} />
        <meta property="og:description" content={t.tagline} />
        <meta property="og:url" content={`${v.baseUrl}${v.path}`} />
        <meta property="og:image" content={`${v.baseUrl}/og.png`} />
        <meta property="og:locale" content={v.locale === 'ja' ? 'ja_JP' : 'en_US'} />
        <meta name="twitter:card" content="summary_large_image" />
        <meta name="theme-color" content="#c2410c" />
        <link rel="icon" href="/static/logo.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="stylesheet" href="/static/pages.css" />
        <script src="/static/app.js" defer></script>
        {props.head}
      </head>
      <body class={v.member ? 'has-tabbar' : undefined}>
        <a class="skip" href="#main">
          {t.skipToContent}
        </a>
        <header class="site">
          <div class="inner">
            <a class="logo" href="/" aria-label={t.siteName}>
              <span aria-hidden="true" dangerouslySetInnerHTML={{ __html: logoSvg }} />
              <span class="wordmark" aria-hidden="true">
                {t.siteName}
              </span>
            </a>
            {/* The operator console is not a shop: its pages carry their own navigation instead. */}
            {v.path.startsWith('/admin') ? (
              <span class="grow" />
            ) : (
              <form class="search" action="/search" method="get" role="search">
                <input type="search" name="q" aria-label={t.nav.search} placeholder={t.nav.searchPlaceholder} />
              </form>
            )}
            <nav class="account" aria-label={t.nav.accountMenu}>
              {v.member ? <MemberMenu v={v} /> : <VisitorLinks v={v} />}
            </nav>
          </div>
        </header>
        <main id="main">
          {v.devMode ? <p class="small muted">{t.devNotice}</p> : null}
          {v.member?.termsPending && !v.path.startsWith('/terms') ? (
            <p class="banner" data-testid="terms-banner">
              {v.t.terms.banner} <a href="/terms/agree">{v.t.terms.bannerLink}</a>
            </p>
          ) : null}
          {props.children}
        </main>
        <footer>
          <nav class="inner" aria-label={t.nav.footer}>
            <span>{t.footer}</span>
            <a href="/help">{t.nav.help}</a>
            <a href="/terms">{v.t.terms.footer}</a>
            <a href="/privacy">{t.nav.privacy}</a>
            <a href="/legal/tokushoho">{v.t.legal.footer.tokushoho}</a>
            <a href="/company">{v.t.legal.footer.company}</a>
            <a href="/support">{v.t.support.title}</a>
            <form method="post" action="/locale">
              <input type="hidden" name="_csrf" value={v.csrfToken} />
              <input type="hidden" name="locale" value={v.locale === 'ja' ? 'en' : 'ja'} />
              <input type="hidden" name="back" value={v.path} />
              {/* The name starts with the visible word, so voice control users can say what they see. */}
              <button type="submit" class="link" lang={v.locale === 'ja' ? 'en' : 'ja'}>
                {t.nav.switchTo}
                <span class="visually-hidden" lang={v.locale}>
                  {` (${t.nav.language})`}
                </span>
              </button>
            </form>
          </nav>
        </footer>
        {v.member ? <TabBar v={v} /> : null}
      </body>
    </html>
  );
}

/** Phones: the four places a member goes most, at the bottom where the thumb is. */
function TabBar({ v }: { v: ViewContext }) {
  const t = v.t.common.nav;
  const tabs: [string, IconName, string][] = [
    ['/search', 'search', t.tabs.search],
    ['/mypage/favorites', 'heart', t.tabs.favorites],
    ['/messages', 'chat', t.messages],
    ['/mypage', 'person', t.mypage],
  ];
  return (
    <nav class="tabbar" aria-label={t.tabs.label}>
      {tabs.map(([href, icon, label]) => (
        <a href={href} aria-current={v.path === href ? 'page' : undefined}>
          <Icon name={icon} size={22} />
          {label}
        </a>
      ))}
    </nav>
  );
}

function VisitorLinks({ v }: { v: ViewContext }) {
  return (
    <>
      <a href="/login">{v.t.common.nav.login}</a>
      <a class="button mt-0" href="/signup">
        {v.t.common.nav.signup}
      </a>
    </>
  );
}

function MemberMenu({ v }: { v: ViewContext }) {
  const t = v.t.common.nav;
  return (
    <>
      <a href="/notifications" data-testid="bell">
        <span aria-hidden="true">
          <Icon name="bell" />
          {v.unreadNotifications ? <span class="badge">{v.unreadNotifications}</span> : null}
        </span>
        <span class="visually-hidden">{v.t.notifications.bell(v.unreadNotifications ?? 0)}</span>
      </a>
      <a class="wide" href="/messages">
        {t.messages}
      </a>
      <a class="wide" href="/mypage">
        {t.mypage}
      </a>
      <details class="menu">
        <summary data-testid="account-menu">{v.member!.displayName}</summary>
        <ul>
          <li>
            <a href={`/users/${v.member!.username}`}>@{v.member!.username}</a>
          </li>
          <li>
            <a href="/settings">{t.settings}</a>
          </li>
          <li>
            <a href="/settings/account">{t.accountSettings}</a>
          </li>
          <li>
            <form method="post" action="/logout">
              <input type="hidden" name="_csrf" value={v.csrfToken} />
              <button type="submit">{t.logout}</button>
            </form>
          </li>
        </ul>
      </details>
    </>
  );
}

/** A labelled input with its hint and, when the member got it wrong, the message right beside it. */
export function Field(props: {
  v: ViewContext;
  name: string;
  label: string;
  type?: string;
  value?: string;
  error?: string;
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  maxlength?: number;
  multiline?: boolean;
  /** Show the live password strength meter under this field. */
  meter?: boolean;
}) {
  const id = `f-${props.name}`;
  const describedBy =
    [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: props.name,
    'aria-invalid': props.error ? 'true' : undefined,
    'aria-describedby': describedBy,
    required: props.required,
    maxlength: props.maxlength,
    autocomplete: props.autocomplete,
    'data-strength-meter': props.meter ? 'true' : undefined,
  };
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.multiline ? (
        <textarea {...common}>{props.value ?? ''}</textarea>
      ) : (
        <input type={props.type ?? 'text'} value={props.value ?? ''} {...common} />
      )}
      {props.error ? (
        <p class="field-error" id={`${id}-error`} role="alert">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export function PasswordMeterScript() {
  return <script src="/static/password-meter.js" defer></script>;
}

export function CsrfField({ v }: { v: ViewContext }) {
  return <input type="hidden" name="_csrf" value={v.csrfToken} />;
}

export function FormErrorSummary({ v, show }: { v: ViewContext; show: boolean }) {
  return show ? (
    <p class="form-error" role="alert">
      {v.t.common.form.fixErrors}
    </p>
  ) : null;
}

/** A problem with the form as a whole (not one field), read out when it appears. */
export function FormProblem({ text }: { text?: string | null }) {
  return text ? (
    <p class="form-error" role="alert">
      {text}
    </p>
  ) : null;
}

export function Notice({ text }: { text?: string | null }) {
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;
}
