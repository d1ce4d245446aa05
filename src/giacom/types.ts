// Public names for the schemas of the Giacom contract (spec/giacom.openapi.yaml). Every one is a
// generated schema under another name (an empty interface for an object, an alias otherwise), so
// they are generated too: scripts/generate.mjs writes them
// to generated/types.ts from each schema's `x-sdk-type` (name, summary, group, example). Wire
// names ending in _FVO (create) and _MVO (update) are exposed as ...Create / ...Update there. A
// type that needs more than an alias (an override of a generated type) is written here.
export type * from "./generated/types.js";
