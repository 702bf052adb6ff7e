// An edited inbox config or settings object as a merge patch (RFC 7386) for PATCH /inboxes/:id: every key
// the saved value had and the form no longer has becomes null, which the hub takes as "clear it" (a PATCH
// otherwise keeps whatever it is not sent).
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function withClearedKeys(saved: Obj, edited: Obj): Obj {
  const out: Obj = { ...edited };
  for (const [key, old] of Object.entries(saved)) {
    if (edited[key] === undefined) out[key] = null;
    else if (isObj(old) && isObj(edited[key])) out[key] = withClearedKeys(old, edited[key] as Obj);
  }
  return out;
}
