// Public names for the schemas of the Giacom contract (spec/giacom.openapi.yaml). Every one is a
// plain alias of a generated schema, so they are generated too: scripts/generate.mjs writes them
// to generated/types.ts from each schema's `x-sdk-type` (name, summary, group, example). Wire
// names ending in _FVO (create) and _MVO (update) are exposed as ...Create / ...Update there. A
// type that needs more than an alias (an override of a generated type) is written here.
export type * from "./generated/types.js";
