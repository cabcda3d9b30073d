import type { Message } from '../dictionary';

/** Who may open a direct conversation with whom. Privacy settings (who may message me) extend this rule. */
export function directMessageBlocker(sender: { id: string; emailVerified: boolean }, recipient: { id: string }): Message | null {
  if (sender.id === recipient.id) return (t) => t.messages.errors.cannotMessageSelf;
  if (!sender.emailVerified) return (t) => t.marketplace.errors.verifyFirst;
  return null;
}
