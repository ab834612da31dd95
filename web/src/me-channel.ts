// A change to the signed-in member (a name chosen) told to this browser's other tabs, so that the
// name prompt answered in one tab leaves them all. Through BroadcastChannel only: where it is
// missing, another tab keeps its prompt until it loads again, and saving there counts the same.
// Only the name prompt and the profile use it, so it stays out of the first pages' JavaScript.
import { setUser, updateMe, user, type User } from "./session.ts";

const CHANNEL = "quorum-me";

/** Tells the other tabs the member as the server now has them. */
function announceMe(updated: User): void {
  try {
    const channel = new BroadcastChannel(CHANNEL);
    channel.postMessage(updated);
    channel.close();
  } catch {
    // No BroadcastChannel: the other tabs learn it when they load again.
  }
}

/** Saves the member's name, and tells the other tabs (one may still be asking for it). */
export async function saveName(displayName: string): Promise<User> {
  const updated = await updateMe({ displayName });
  announceMe(updated);
  return updated;
}

/** Takes what another tab announced, for the same member. Returns the way to stop listening. */
export function followMe(): () => void {
  let channel: BroadcastChannel | undefined;
  try {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (e: MessageEvent<User>) => {
      if (e.data?.id && e.data.id === user()?.id) setUser(e.data);
    };
  } catch {
    // As above.
  }
  return () => channel?.close();
}
