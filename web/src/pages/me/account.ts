// The account's own data: where the export downloads from, and deleting the account (DELETE
// /api/me answers 204 with no body, so it is read by status rather than through data()); and
// signing out, here or everywhere (beside session.ts, which every page loads, as only "my deals"
// signs out).
import { api, ApiError, data } from "../../api.ts";
import { setUser } from "../../session.ts";

export const exportUrl = api.me.export.$path();

export async function deleteAccount(): Promise<void> {
  let res;
  try {
    res = await api.me.$delete();
  } catch {
    throw new ApiError(0, "NETWORK");
  }
  // Anything but 204 is a refusal: data() turns it into the API's error.
  if (res.status !== 204) await data(Promise.resolve(res));
  setUser(null);
}

export async function signOut(): Promise<void> {
  await data(api.auth["sign-out"].$post());
  setUser(null);
}

/** Ends every session of the user, on every device, this one too. */
export async function signOutEverywhere(): Promise<void> {
  await data(api.auth["sign-out-everywhere"].$post());
  setUser(null);
}
