import { optionsOfOrder } from './services/options';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Message } from '../dictionary';
import { HOUR } from '../platform/clock';
import type { AppEnv } from '../platform/web/env';
import { notFoundPage } from '../platform/web/errors';
import { parseForm } from '../platform/web/forms';
import { currentMember, formBody, memberOnly, render } from '../platform/web/http';
import { uploadedFile } from '../platform/web/uploadsInput';
import { postMessage, attachmentProblem, openRoom, type RoomViewer } from '../messages/messaging';
import { orderRoomId } from '../messages/rooms';
import { beforeIdParam, loadRoomView } from '../messages/roomView';
import { roomViewer } from '../messages/routes';
import { reviewForm } from './forms';
import {
  orderById,
  orderWithRoom,
  reviewBy,
  reviewsOfOrder,
  serviceDeliveryDays,
  termsOfOrder,
} from './orders/queries';
import {
  cancelRequestStatuses,
  checkTransition,
  orderTransitions,
  type OrderAction,
  type OrderActor,
} from './orders/stateMachine';
import { transitionOrder } from './orders/transitions';
import { orderProgress } from './orders/progress';
import { OrderPage } from './pages/orderPage';
import { editReview, leaveReview } from './reviews';
import { randomUUID } from 'node:crypto';
import { tipRefusal, tipTotal } from '../trading/tips';

const uuid = z.string().uuid();
const actionName = z.enum(Object.keys(orderTransitions) as [OrderAction, ...OrderAction[]]);

/** A party acts as a member; an operator settles disputes only after two-step verification (roomViewer). */
function actorFor(member: RoomViewer, order: { buyerId: string; sellerId: string }): OrderActor {
  const isParty = member.id === order.buyerId || member.id === order.sellerId;
  return !isParty && member.verifiedOperator ? { kind: 'operator', id: member.id } : { kind: 'member', id: member.id };
}

/** What a refused form sends back: its problems by field and what was typed. */
type Refused = {
  problem?: Message;
  room?: { problem: Message; draft: string };
  delivery?: { problem: Message; draft: string };
  review?: { problems: Partial<Record<'rating' | 'comment', Message>>; rating: string; comment: string };
  tip?: { problem: Message; draft: string };
  sendBack?: { problem: Message; draft: string };
};

/** 取引画面: the order, the actions this viewer may take now, reviews and the message room. */
export async function renderOrder(
  c: Context<AppEnv>,
  orderId: string,
  extra: Refused & { notice?: string | null } = {},
  status: 200 | 422 = 200,
) {
  const deps = c.get('deps');
  const viewer = await roomViewer(c);
  const found = uuid.safeParse(orderId).success ? await orderWithRoom(deps.db, orderId) : null;
  if (!found) return notFoundPage(c);
  const order = found.order;
  const opened = await openRoom(deps, found.room, viewer);
  if (!opened) return notFoundPage(c); // outsiders learn nothing, not even that the order exists
  const t = c.get('view').t;
  const room = await loadRoomView(
    deps,
    opened.room,
    viewer,
    opened.access,
    beforeIdParam(c.req.query('before')),
    `/orders/${order.id}`,
  );
  const actor = actorFor(viewer, order);
  const allowedActions = (Object.keys(orderTransitions) as OrderAction[]).filter(
    (a) => a !== 'autoApprove' && checkTransition(order, a, actor) === null,
  );
  const viewerRole = opened.access === 'operator' ? 'operator' : viewer.id === order.buyerId ? 'buyer' : 'seller';
  const counterpartId = viewer.id === order.buyerId ? order.sellerId : order.buyerId;
  const orderReviews = order.status === 'completed' ? await reviewsOfOrder(deps.db, order.id) : [];
  const mine = orderReviews.find((r) => r.authorId === viewer.id);
  const theirs = orderReviews.find((r) => r.authorId === counterpartId);
  const editable =
    !!mine && deps.clock.now().getTime() - mine.createdAt.getTime() <= deps.config.marketplace.reviewEditHours * HOUR;
  const options = await optionsOfOrder(deps.db, order.id);
  const progress = orderProgress(order, {
    // Orders placed before their terms were recorded (due_at) count from the service's days as they are now.
    deliveryDays: order.dueAt
      ? null
      : (await serviceDeliveryDays(deps.db, order.serviceId)) + options.reduce((sum, o) => sum + o.extraDays, 0),
    autoApproveDays: order.inspectionDays ?? deps.config.marketplace.autoApproveDays,
    reviewed: {
      buyer: orderReviews.some((r) => r.authorId === order.buyerId),
      seller: orderReviews.some((r) => r.authorId === order.sellerId),
    },
  });
  const buyerShown =
    viewerRole === 'buyer' ? { name: viewer.displayName, username: viewer.username } : room.counterpart;
  const sellerShown =
    viewerRole === 'seller' ? { name: viewer.displayName, username: viewer.username } : room.counterpart;
  return render(
    c,
    <OrderPage
      v={c.get('view')}
      data={{
        order: {
          id: order.id,
          title: order.titleSnapshot,
          serviceId: order.serviceId,
          status: order.status,
          priceYen: order.priceYen,
          pointsUsed: order.pointsUsed,
          chargedYen: order.chargedYen,
          cancelRequestedBy: cancelRequestStatuses.includes(order.status) ? order.cancelRequestedBy : null,
        },
        scope: order.scopeSnapshot,
        options,
        terms: await termsOfOrder(deps.db, order),
        trading: {
          tipTotalYen: await tipTotal(deps.db, order.id),
          canTip: viewerRole === 'buyer' && tipRefusal(order, viewer.id) === null,
          tipMinYen: deps.config.marketplace.tipMinYen,
          tipMaxYen: deps.config.marketplace.tipMaxYen,
          tipKey: randomUUID(),
          tip: extra.tip ? { problem: extra.tip.problem(t), draft: extra.tip.draft } : null,
          canSendBack: allowedActions.includes('sendBack'),
          sendBack: extra.sendBack ? { problem: extra.sendBack.problem(t), draft: extra.sendBack.draft } : null,
        },
        viewerRole,
        viewerId: viewer.id,
        buyer: viewerRole === 'operator' ? { name: null, username: null } : buyerShown,
        seller: viewerRole === 'operator' ? { name: null, username: null } : sellerShown,
        allowedActions,
        myReview: mine ? { rating: mine.rating, comment: mine.comment, editable } : null,
        theirReview: theirs ? { rating: theirs.rating, comment: theirs.comment } : null,
        canReview: viewerRole !== 'operator' && order.status === 'completed' && !mine,
        autoApproveDays: deps.config.marketplace.autoApproveDays,
        progress,
        room: { ...room, problem: extra.room?.problem(t) ?? null, draft: extra.room?.draft },
        delivery: extra.delivery ? { problem: extra.delivery.problem(t), draft: extra.delivery.draft } : null,
        reviewForm: extra.review
          ? {
              rating: extra.review.rating,
              comment: extra.review.comment,
              ratingProblem: extra.review.problems.rating?.(t) ?? null,
              commentProblem: extra.review.problems.comment?.(t) ?? null,
            }
          : null,
        notice: extra.notice ?? null,
        problem: extra.problem?.(t) ?? null,
      }}
    />,
    status,
  );
}

export function orderRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/orders/*', memberOnly);

  app.get('/orders/:id', (c) =>
    renderOrder(c, c.req.param('id'), {
      notice:
        c.req.query('notice') === 'review'
          ? c.get('view').t.marketplace.order.reviewDone
          : c.req.query('notice') === 'tip'
            ? c.get('view').t.trading.tip.done
            : null,
    }),
  );

  app.post('/orders/:id/actions/:action', async (c) => {
    const orderId = c.req.param('id');
    const action = actionName.safeParse(c.req.param('action'));
    const order = uuid.safeParse(orderId).success ? await orderById(c.get('deps').db, orderId) : null;
    if (!order || !action.success || action.data === 'autoApprove') return notFoundPage(c);
    const body = await c.req.parseBody();
    const typed = typeof body.message === 'string' ? body.message : '';
    const message = typed.trim().slice(0, 2000) || undefined;
    if (action.data === 'deliver') {
      const actor = actorFor(await roomViewer(c), order);
      // Who may deliver now is said first: the note's own problems are shown by the delivery form, which only they see.
      const refusal = checkTransition(order, 'deliver', actor);
      if (refusal) return renderOrder(c, orderId, { problem: refusal }, 422);
      const refuse = (problem: Message) => renderOrder(c, orderId, { delivery: { problem, draft: typed } }, 422);
      if (!message) return refuse((t) => t.marketplace.errors.deliveryMessageRequired);
      const file = await uploadedFile(body.attachment);
      const problem = file ? attachmentProblem(file) : null;
      if (problem) return refuse(problem);
      const result = await transitionOrder(c.get('deps'), orderId, 'deliver', actor, { message });
      if (!result.ok) return renderOrder(c, orderId, { problem: result.problem }, 422);
      // The file goes in as a message of its own right after the delivery note.
      if (file)
        await postMessage(c.get('deps'), currentMember(c), await orderRoomId(c.get('deps').db, orderId), {
          body: '',
          attachment: file,
        });
      return c.redirect(`/orders/${orderId}`, 303);
    }
    if (action.data === 'sendBack') {
      const actor = actorFor(await roomViewer(c), order);
      const refusal = checkTransition(order, 'sendBack', actor);
      if (refusal) return renderOrder(c, orderId, { problem: refusal }, 422);
      if (!message)
        return renderOrder(
          c,
          orderId,
          { sendBack: { problem: (t) => t.trading.errors.reasonRequired, draft: typed } },
          422,
        );
      const sent = await transitionOrder(c.get('deps'), orderId, 'sendBack', actor, { message });
      if (!sent.ok) return renderOrder(c, orderId, { problem: sent.problem }, 422);
      return c.redirect(`/orders/${orderId}`, 303);
    }
    const result = await transitionOrder(c.get('deps'), orderId, action.data, actorFor(await roomViewer(c), order));
    if (!result.ok) return renderOrder(c, orderId, { problem: result.problem }, 422);
    return c.redirect(`/orders/${orderId}`, 303);
  });

  app.post('/orders/:id/messages', async (c) => {
    const orderId = c.req.param('id');
    if (!uuid.safeParse(orderId).success || !(await orderById(c.get('deps').db, orderId))) return notFoundPage(c);
    const body = await c.req.parseBody();
    const text = typeof body.body === 'string' ? body.body : '';
    const result = await postMessage(c.get('deps'), currentMember(c), await orderRoomId(c.get('deps').db, orderId), {
      body: text,
      attachment: await uploadedFile(body.attachment),
    });
    if (!result.ok) return renderOrder(c, orderId, { room: { problem: result.problem, draft: text } }, 422);
    return c.redirect(`/orders/${orderId}#messages`, 303);
  });

  app.post('/orders/:id/review', async (c) => {
    const orderId = c.req.param('id');
    if (!uuid.safeParse(orderId).success) return notFoundPage(c);
    const body = await formBody(c);
    const typed = { rating: body.rating ?? '', comment: body.comment ?? '' };
    const form = parseForm(reviewForm, body);
    if (!form.ok) return renderOrder(c, orderId, { review: { problems: form.errors, ...typed } }, 422);
    const deps = c.get('deps');
    const member = currentMember(c);
    const existing = await reviewBy(deps.db, orderId, member.id);
    const result = existing
      ? await editReview(deps, member.id, orderId, form.value)
      : await leaveReview(deps, member.id, orderId, form.value);
    if (!result.ok)
      return renderOrder(c, orderId, { problem: result.problem, review: { problems: {}, ...typed } }, 422);
    return c.redirect(`/orders/${orderId}?notice=review`, 303);
  });
  return app;
}
