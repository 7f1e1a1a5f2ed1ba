// The credentials a test client shows the hub on the routes a screen uses (/api/changes, bookings,
// /api/log). One place, so the soak and long-poll tests follow the hub's access rules (issue 9:
// a paired device's bearer token) by changing this file only.

/** Headers for requests made as a kiosk screen of the hub at `hubUrl`. */
export async function screenHeaders(hubUrl: string): Promise<Record<string, string>> {
  void hubUrl;
  return {};
}
