import type { ViewContext } from '../../platform/web/env';
import { ReportLink } from '../../reports/pages';
import { formatDate } from '../../platform/web/dates';

export function TestModeNotice({ v }: { v: ViewContext }) {
  return (
    <p class="test-mode" role="note">
      {v.t.marketplace.testMode}
    </p>
  );
}

export function Stars({ rating }: { rating: number }) {
  return <span aria-label={`${rating}/5`}>{'★'.repeat(rating) + '☆'.repeat(5 - rating)}</span>;
}

export type ReviewItem = {
  id: string;
  rating: number;
  comment: string;
  createdAt: Date;
  /** null once the author has left (shown as 退会したユーザー). */
  authorName: string | null;
  /** Shown on a profile, where reviews of several services meet. */
  serviceTitle?: string;
  /** A signed-in member other than its author may report it (通報). */
  reportable: boolean;
};

/** Published reviews, newest first, as the service page and the profile show them. */
export function ReviewList({ v, reviews }: { v: ViewContext; reviews: ReviewItem[] }) {
  if (reviews.length === 0) return <p>{v.t.marketplace.service.noReviews}</p>;
  return (
    <ul class="plain">
      {reviews.map((r) => (
        <li class="review-row">
          <Stars rating={r.rating} />{' '}
          <span class="small muted">
            {r.authorName ?? v.t.common.withdrawnUser}
            {r.serviceTitle ? ` · ${r.serviceTitle}` : ''} · {formatDate(v, r.createdAt)}
          </span>
          {r.reportable ? (
            <>
              {' '}
              <ReportLink v={v} kind="review" target={r.id} />
            </>
          ) : null}
          <div>{r.comment}</div>
        </li>
      ))}
    </ul>
  );
}
