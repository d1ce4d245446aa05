import fc from "fast-check";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { jsonPath } from "../../../src/index.js";
import { createGiacomSimulator, defaultSeed, type SimulatorOptions } from "../../../src/giacom/mock/index.js";
import type { Service, ServiceOrder, ServiceSpecification } from "../../../src/giacom/types.js";
import { client, example, loopbackPassthrough, MODES, serve, type Served } from "./helpers.js";

const VOICE_O2 = "dd5244e1-13e3-45a5-b2f0-47b111a65142";
const DATA_O2 = "6b9d14d4-cca9-416e-9af5-452b77e63a7b";
const BOLT_ON = "7";
// The document's own filter strings.
const BY_SUBSCRIBER_NUMBER = '$.serviceCharacteristic[?(@.id=="SUBSCRIBER_NUMBER")].value[?(@.value=="07800987654")]';
const BY_SIM_SERIAL = '$.serviceCharacteristic[?(@.id=="SIM_SERIAL")].value[?(@.value=="8944201122334455667")]';
const GIACOM_SUPPLIED = '$.relatedParty[?(@.role=="supplier" && @.partyOrPartyRole.id=="GIACOM")]';
const O2_NETWORK = '$.relatedParty[?(@.role=="network" && @.partyOrPartyRole.id=="O2")]';

const ids = (body: unknown) => (body as { id: string }[]).map((e) => e.id).sort();

// What each escape payload runs if any part of a filter is evaluated as JavaScript: it sets this
// global, which the tests read back (the HTTP face serves from this process too).
const PWNED = "__giacomFilterPwned";
const pwned = () => (globalThis as Record<string, unknown>)[PWNED];
const RUN = `globalThis.${PWNED}=1`;
/** Published escapes of jsonpath-plus's eval: "safe" sandbox, sent as `filter`. */
const ESCAPES = [
  // 10.4.x, fixed in 11 (JSONPath-Plus/JSONPath#266): the Function constructor reached through
  // the current node's prototype, called directly and through call, apply and bind.
  `$..[?(@.constructor[( @.getPrototypeOf(@).constructor('${RUN};0')() )])]`,
  `$..[?(@.constructor[( @.getPrototypeOf(@).constructor.call(0,'${RUN};0')() )])]`,
  `$..[?(@.constructor[( @.getPrototypeOf(@).constructor.apply(0,['${RUN};0'])() )])]`,
  `$..[?(@.constructor[( @.getPrototypeOf(@).constructor.bind(0)('${RUN};0')() )])]`,
  // The same, behind a documented-looking path.
  `$.serviceCharacteristic[?(@.constructor[( @.getPrototypeOf(@).constructor('${RUN};0')() )])]`,
  `$.relatedParty[?(@.role=="supplier" && @.constructor[( @.getPrototypeOf(@).constructor('${RUN};0')() )])]`,
  // 10.2.0 (CVE-2025-1302, GHSA-hw8r-x6gr-5gjp).
  `$..[?(p="${RUN}";a=''[['constructor']][['constructor']](p);a())]`,
  // Before 10.0.7 (CVE-2024-21534, GHSA-pppg-cpfq-h7wr, JSONPath-Plus/JSONPath#226).
  `$[?(var _$_root=[].constructor.constructor("${RUN}");@root())]`,
  `$[?(__proto__ = 0; __proto__ = constructor; __proto__ = constructor; __proto__("${RUN}")())]`,
  `$[this.constructor.constructor("${RUN}")()]`,
  `$..[?(@.constructor.constructor("${RUN}")())]`,
  `$.serviceCharacteristic[?(this.constructor.constructor("${RUN}")())]`,
];

/** The default seed plus versions and states the catalogue's visibility rules need. */
function versionedSeed() {
  const seed = defaultSeed();
  const o2 = seed.serviceSpecifications.find((s) => s.id === "MOBILE_VOICE_SRV_GIACOM_O2")!;
  const variant = (id: string, version: number, lifecycleStatus: NonNullable<ServiceSpecification["lifecycleStatus"]>): ServiceSpecification => ({
    ...structuredClone(o2),
    id,
    version,
    lifecycleStatus,
  });
  seed.serviceSpecifications.push(variant(o2.id, 2, "In test"), variant("OLD_VOICE", 1, "Retired"), variant("DRAFT_VOICE", 1, "In design"));
  return seed;
}

// Values a string literal must carry intact: quotes, backslashes, the JSONPath and JavaScript
// syntax some engines read inside literals, control characters, non-BMP characters.
const HOSTILE = ['a"b', "it's", "back\\slash", '" || @.id!="', "x)]", "@.id", "&& ||", "ACME (UK) Ltd.", "line\nbreak", "\u0001", "\u2028", "日本語 😀"];

/** A service whose NOTE characteristic holds `value`. */
const noted = (id: string, value: string): Service => ({
  id,
  version: 1,
  name: "Noted",
  state: "active",
  serviceCharacteristic: [{ id: "NOTE", value: [{ value }] }],
});

/** `value` as an RFC 9535 single-quoted literal. */
const singleQuoted = (value: string) =>
  `'${[...value].map((ch) => (ch === "\\" || ch === "'" ? `\\${ch}` : ch < " " ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}` : ch)).join("")}'`;

/** Filter strings: the escapes, and the escapes and the document's filters cut and spliced with JSONPath and JavaScript fragments, and noise. */
const DOCUMENTED = [BY_SUBSCRIBER_NUMBER, BY_SIM_SERIAL, GIACOM_SUPPLIED, O2_NETWORK];
const FRAGMENTS = [
  ...`$ . .. [ ] [?( )] ( ) @ @. id value serviceCharacteristic == != = && || ! " ' \\ "x" 'y' 1 -0.5e3 true null ; * this`.split(" "),
  ...["constructor", "__proto__", "getPrototypeOf", "call", "bind", "return process", RUN, " ", "\u0000", "\u2028"],
];
const filters = fc.oneof(
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 24 }).map((parts) => parts.join("")),
  fc
    .tuple(fc.constantFrom(...DOCUMENTED, ...ESCAPES), fc.nat(), fc.nat(6), fc.constantFrom(...FRAGMENTS, ""))
    .map(([filter, at, cut, insert]) => filter.slice(0, at % (filter.length + 1)) + insert + filter.slice((at % (filter.length + 1)) + cut)),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.constantFrom(...ESCAPES),
);

describe.each(MODES)("searching and reading the simulator's collections (%s)", (mode) => {
  const server = setupServer(loopbackPassthrough);
  let served: Served | undefined;
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(async () => served?.close());
  afterAll(() => server.close());

  async function start(options: SimulatorOptions = {}) {
    served = await serve(mode, createGiacomSimulator({ clock: "manual", ...options }), server);
    const api = client(served);
    const token = await api.token();
    const get = (path: string, query: Record<string, string | string[]> = {}, as = token) => api.call("GET", path, { token: as, query });
    return { api, token, get };
  }

  it("treats a repeated parameter as an IN list and different parameters as AND", async () => {
    const { get } = await start();
    expect(ids((await get("/service", { state: ["inactive", "active"] })).body)).toEqual([BOLT_ON, DATA_O2, VOICE_O2].sort());
    expect(ids((await get("/service", { state: "active" })).body)).toEqual([BOLT_ON]);
    expect(ids((await get("/service", { state: ["inactive", "active"], category: "Mobile Data only Service" })).body)).toEqual([DATA_O2]);
    expect(ids((await get("/service", { state: "terminated" })).body)).toEqual([]);
  });

  it("reaches nested fields with dotted keys and compares every value as a string", async () => {
    const { get } = await start();
    expect(ids((await get("/service", { "serviceSpecification.id": "MOBILE_VOICE_SRV_GIACOM_O2", state: "inactive" })).body)).toEqual([VOICE_O2]);
    expect(ids((await get("/service", { "serviceSpecification.version": "1", "serviceSpecification.id": ["GIACOM_O2_DATA_BOLT_ON"] })).body)).toEqual([
      BOLT_ON,
    ]);
    expect(ids((await get("/service", { hasStarted: "true" })).body)).toEqual([BOLT_ON]);
    expect(ids((await get("/service", { hasStarted: "false", isServiceEnabled: "false" })).body)).toEqual([DATA_O2, VOICE_O2].sort());
    expect((await get("/service", { version: "1" })).body).toHaveLength(3);
    expect((await get("/resource", { "resourceSpecification.id": "Mobile_Subscriber_number" })).body).toHaveLength(1);
  });

  it("matches dotted keys against an entity's own fields only, never its prototype", async () => {
    const { get } = await start();
    // `constructor.name` would read "Object" from every entity's prototype.
    expect((await get("/service", { "constructor.name": "Object" })).body).toEqual([]);
    expect((await get("/service", { constructor: "function Object() { [native code] }" })).body).toEqual([]);
    expect((await get("/service", { "__proto__.constructor.name": "Object" })).status).toBe(200);
    expect((await get("/service", { "__proto__.constructor.name": "Object" })).body).toEqual([]);
    expect((await get("/service", { toString: "x" })).status).toBe(200);
  });

  it("finds services with the document's JSONPath filters for a subscriber number and a SIM serial", async () => {
    const { get } = await start();
    expect(ids((await get("/service", { filter: BY_SUBSCRIBER_NUMBER })).body)).toEqual([DATA_O2]);
    expect(ids((await get("/service", { filter: BY_SIM_SERIAL })).body)).toEqual([DATA_O2, VOICE_O2].sort());
    expect(ids((await get("/service", { filter: BY_SUBSCRIBER_NUMBER.replace("07800987654", "07000000000") })).body)).toEqual([]);
    // A repeated filter is an IN list like any other parameter.
    expect(ids((await get("/service", { filter: [BY_SUBSCRIBER_NUMBER, '$.serviceRelationship[?(@.relationshipType=="addon_for")]'] })).body)).toEqual(
      [BOLT_ON, DATA_O2].sort(),
    );
  });

  it("lists the specifications Giacom supplies with the document's filter, alone and with a category", async () => {
    const { get } = await start();
    const giacom = ["GIACOM_O2_DATA_BOLT_ON", "MOBILE_DATA_SRV_GIACOM_O2", "MOBILE_VOICE_SRV_GIACOM_O2", "MOBILE_VOICE_SRV_GIACOM_VF"];
    expect(ids((await get("/serviceSpecification", { filter: GIACOM_SUPPLIED })).body)).toEqual(giacom);
    expect(ids((await get("/serviceSpecification", { category: "Mobile Voice Service", filter: GIACOM_SUPPLIED })).body)).toEqual([
      "MOBILE_VOICE_SRV_GIACOM_O2",
      "MOBILE_VOICE_SRV_GIACOM_VF",
    ]);
    expect(ids((await get("/resourceSpecification", { category: "Mobile SIM", filter: O2_NETWORK })).body)).toEqual(["O2_e_sim"]);
  });

  it("counts matches in X-Total-Count and X-Result-Count, returns only the counts with limit=0 and refuses any other limit", async () => {
    const { get } = await start();
    const all = await get("/service");
    expect([all.headers.get("X-Total-Count"), all.headers.get("X-Result-Count")]).toEqual(["3", "3"]);
    const count = await get("/service", { state: "inactive", limit: "0" });
    expect(count.status).toBe(200);
    expect(count.body).toEqual([]);
    expect([count.headers.get("X-Total-Count"), count.headers.get("X-Result-Count")]).toEqual(["2", "0"]);
    for (const limit of ["5", "1", "-1", "x"]) {
      const refused = await get("/service", { limit });
      expect(refused.status, limit).toBe(400);
      expect((refused.body as { message: string }).message).toContain("limit");
    }
  });

  it("answers 400 to a filter it cannot parse and to paging, sorting or field selection", async () => {
    const { get } = await start();
    for (const filter of ["$.serviceCharacteristic[?(@.id==)]", "$[[", "serviceCharacteristic", '$.a[?(@.id=="x"']) {
      expect((await get("/service", { filter })).status, filter).toBe(400);
    }
    for (const parameter of ["offset", "sort", "fields"]) expect((await get("/service", { [parameter]: "1" })).status, parameter).toBe(400);
  });

  it("reads one entity by id and answers 404 with an Error body when there is none", async () => {
    const { get } = await start();
    expect((await get(`/service/${VOICE_O2}`)).body).toMatchObject({ id: VOICE_O2, name: "Mobile Voice Giacom-O2" });
    expect((await get("/serviceSpecification/MOBILE_VOICE_SRV_GIACOM_VF")).body).toMatchObject({ id: "MOBILE_VOICE_SRV_GIACOM_VF", version: 1 });
    expect((await get("/resourceSpecification/O2_e_sim")).body).toMatchObject({ id: "O2_e_sim" });
    expect((await get("/resource/1")).body).toMatchObject({ id: "1", resourceStatus: "planned" });
    for (const path of [
      "/service/nope",
      "/serviceSpecification/NOPE",
      "/resourceSpecification/NOPE",
      "/resource/999",
      "/serviceOrder/nope",
      "/cancelServiceOrder/nope",
    ]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).toMatchObject({ code: "ERR_404", reason: expect.any(String), status: "Error" });
    }
    expect((await get("/serviceSpecification/MOBILE_VOICE_SRV_GIACOM_VF", { version: "7" })).status).toBe(404);
    expect((await get("/serviceSpecification/MOBILE_VOICE_SRV_GIACOM_VF", { version: "one" })).status).toBe(400);
  });

  it("shows read-only clients Launched and Retired specifications only, and everything to integrations/service.write", async () => {
    const { api, get } = await start({ seed: versionedSeed() });
    const reader = await api.token("integrations/serviceCatalogue.read");
    const writer = await api.token("integrations/service.write");
    const listed = async (query: Record<string, string>, as: string) =>
      ((await get("/serviceSpecification", query, as)).body as ServiceSpecification[]).map((s) => `${s.id}@${s.version}`).sort();

    const readable = await listed({ id: "MOBILE_VOICE_SRV_GIACOM_O2" }, reader);
    expect(readable).toEqual(["MOBILE_VOICE_SRV_GIACOM_O2@1"]);
    expect(await listed({ id: "MOBILE_VOICE_SRV_GIACOM_O2" }, writer)).toEqual(["MOBILE_VOICE_SRV_GIACOM_O2@2"]);
    expect(await listed({ id: "MOBILE_VOICE_SRV_GIACOM_O2", version: "*" }, writer)).toEqual(["MOBILE_VOICE_SRV_GIACOM_O2@1", "MOBILE_VOICE_SRV_GIACOM_O2@2"]);
    expect(await listed({ id: "MOBILE_VOICE_SRV_GIACOM_O2", version: "*" }, reader)).toEqual(["MOBILE_VOICE_SRV_GIACOM_O2@1"]);
    const both = ((await get("/serviceSpecification", { id: "MOBILE_VOICE_SRV_GIACOM_O2", version: ["1", "2"] }, writer)).body as ServiceSpecification[]).map(
      (s) => s.version,
    );
    expect(both.sort()).toEqual([1, 2]);
    expect(await listed({ lifecycleStatus: "Retired" }, reader)).toEqual(["OLD_VOICE@1"]);
    expect(await listed({ id: "DRAFT_VOICE" }, reader)).toEqual([]);
    expect(await listed({ id: "DRAFT_VOICE" }, writer)).toEqual(["DRAFT_VOICE@1"]);

    expect((await get("/serviceSpecification/MOBILE_VOICE_SRV_GIACOM_O2", {}, reader)).body).toMatchObject({ version: 1 });
    expect((await get("/serviceSpecification/MOBILE_VOICE_SRV_GIACOM_O2", {}, writer)).body).toMatchObject({ version: 2, lifecycleStatus: "In test" });
    expect((await get("/serviceSpecification/MOBILE_VOICE_SRV_GIACOM_O2", { version: "2" }, reader)).status).toBe(404);
    expect((await get("/serviceSpecification/MOBILE_VOICE_SRV_GIACOM_O2", { version: "1" }, writer)).body).toMatchObject({ version: 1 });
    expect((await get("/serviceSpecification/OLD_VOICE", {}, reader)).body).toMatchObject({ lifecycleStatus: "Retired" });
    expect((await get("/serviceSpecification/DRAFT_VOICE", {}, reader)).status).toBe(404);
  });

  describe("the filter parameter", () => {
    beforeEach(() => {
      delete (globalThis as Record<string, unknown>)[PWNED];
    });

    it("refuses each published jsonpath-plus sandbox escape with a 400, and runs none of it", async () => {
      const { get } = await start();
      for (const filter of ESCAPES) {
        for (const path of ["/service", "/serviceSpecification"]) {
          const answer = await get(path, { filter });
          expect(answer.status, filter).toBe(400);
          expect(answer.body, filter).toMatchObject({ code: "ERR_400", status: "Error", message: expect.stringContaining("filter") });
        }
      }
      expect(pwned()).toBeUndefined();
    });

    it("reads the literals the SDK writes: jsonPath helpers and jsonPath.quote, hostile values included", async () => {
      const seed = defaultSeed();
      seed.services.push(...HOSTILE.map((value, i) => noted(`note-${i}`, value)));
      const { get } = await start({ seed });
      expect(ids((await get("/service", { filter: jsonPath.characteristicValue("SUBSCRIBER_NUMBER", "07800987654") })).body)).toEqual([DATA_O2]);
      expect(ids((await get("/serviceSpecification", { filter: jsonPath.relatedParty({ role: "network", id: "O2" }) })).body)).toEqual([
        "GIACOM_O2_DATA_BOLT_ON",
        "MOBILE_DATA_SRV_GIACOM_O2",
        "MOBILE_VOICE_SRV_ACME_O2",
        "MOBILE_VOICE_SRV_GIACOM_O2",
      ]);
      const stock = jsonPath.characteristicValue("SUBSCRIBER_NUMBER", "07571234567", { on: "resourceCharacteristic" });
      expect(ids((await get("/resource", { filter: stock })).body)).toEqual(["1"]);

      for (const [i, value] of HOSTILE.entries()) {
        // jsonPath.quote refuses the few values some engines misread; any JSON string literal carries them.
        let quoted: string;
        try {
          quoted = jsonPath.quote(value);
        } catch {
          quoted = JSON.stringify(value);
        }
        for (const literal of [quoted, singleQuoted(value)]) {
          const filter = `$.serviceCharacteristic[?(@.id=="NOTE")].value[?(@.value==${literal})]`;
          expect(ids((await get("/service", { filter })).body), filter).toEqual([`note-${i}`]);
        }
      }
    });

    it("finds an order by its external reference as the SDK's idempotent create does", async () => {
      const { api, token, get } = await start();
      const keys = ["5001", 'ord"er\\1', "it's 2"];
      for (const id of keys) {
        const body = { ...example("ServiceOrderNewLineO2"), externalReference: [{ externalReferenceType: "order_id", id }] };
        expect((await api.call("POST", "/serviceOrder", { token, body })).status).toBe(201);
      }
      for (const key of keys) {
        const found = (await get("/serviceOrder", { filter: `$.externalReference[?(@.id==${jsonPath.quote(key)})]` })).body as ServiceOrder[];
        expect(found.map((o) => o.externalReference?.[0]?.id)).toEqual([key]);
      }
    });

    it("reads single quotes, !=, || (looser than &&), nested fields, numbers, booleans, null and blanks, comparing without conversion", async () => {
      const { get } = await start();
      const services = async (filter: string) => ids((await get("/service", { filter })).body);
      const specifications = async (filter: string) => ids((await get("/serviceSpecification", { filter })).body);

      // A path alone matches the entities that have the field.
      expect(await services("$.serviceRelationship")).toEqual([BOLT_ON]);
      expect(await services("$.externalReference")).toEqual([]);
      expect(await services("$.serviceCharacteristic[?(@.id=='SUBSCRIBER_NUMBER')]")).toEqual([DATA_O2]);
      expect(await services('$.serviceRelationship[?(@.service.id=="dd5244e1-13e3-45a5-b2f0-47b111a65142")]')).toEqual([BOLT_ON]);
      expect(await services('$.feature[?(@.id=="SERVICE_SUSPENSION" && @.isEnabled==false)]')).toEqual([VOICE_O2]);
      expect(await services('$.feature[?(@.id=="APN_IPHONE_985" && @.isEnabled!=true)]')).toEqual([]);
      expect(await services('$.feature[?(@.id=="APN_IPHONE_985" && @.isEnabled!="true")]')).toEqual([DATA_O2, VOICE_O2].sort());
      expect(await services('$.serviceCharacteristic[?(@.id!="BOLTON_TARIFF" && @.id!="TARIFF")]')).toEqual([DATA_O2, VOICE_O2].sort());
      expect(await services("$.serviceCharacteristic[?(@.missing==null)]")).toEqual([]);
      expect(await services("$.serviceCharacteristic[?(@.missing!=null)]")).toEqual([BOLT_ON, DATA_O2, VOICE_O2].sort());
      // a || b && c is a || (b && c).
      expect(await services('$.serviceCharacteristic[?(@.id=="BOLTON_TARIFF" || @.id=="SUBSCRIBER_NUMBER" && @.valueType=="nope")]')).toEqual([BOLT_ON]);
      expect(await services('$.relatedParty[?( @.role == "network"\t&&\n@.partyOrPartyRole.id == "O2" )]')).toEqual([DATA_O2, VOICE_O2].sort());

      expect(await specifications("$.serviceSpecRelationship[?(@.relationshipType==\"addon_for\" || @.relationshipType=='convertible_to')]")).toEqual([
        "GIACOM_O2_DATA_BOLT_ON",
        "MOBILE_DATA_SRV_GIACOM_O2",
      ]);
      expect(await specifications('$.specCharacteristic[?(@.id=="ESIM_QR_CODE" && @.maxCardinality==0)]')).toEqual(["MOBILE_VOICE_SRV_GIACOM_VF"]);
      expect(await specifications('$.specCharacteristic[?(@.id=="ESIM_QR_CODE" && @.maxCardinality==0.0e1)]')).toEqual(["MOBILE_VOICE_SRV_GIACOM_VF"]);
      expect(await specifications('$.specCharacteristic[?(@.id=="ESIM_QR_CODE" && @.maxCardinality=="0")]')).toEqual([]);
      expect(
        await specifications('$.specCharacteristic[?(@.id=="TARIFF")].characteristicValueSpecification[?(@.isDefault==true && @.value=="62225")]'),
      ).toEqual(["MOBILE_DATA_SRV_GIACOM_O2"]);
      // Names never reach inherited properties.
      expect(await services("$.constructor")).toEqual([]);
      expect(await services('$.serviceCharacteristic[?(@.constructor.name=="Object")]')).toEqual([]);
    });

    it("answers 400 naming where it stopped to every form outside the grammar", async () => {
      const { get } = await start();
      for (const filter of [
        "$",
        "$..id",
        "$.serviceCharacteristic[*]",
        "$.serviceCharacteristic[0]",
        "$['serviceCharacteristic']",
        '$.serviceCharacteristic[?@.id=="x"]',
        '$.serviceCharacteristic[?(@.id=="x")',
        '$.serviceCharacteristic[?(@.id=="x"))]',
        '$.serviceCharacteristic[?((@.id=="x"))]',
        '$.serviceCharacteristic[?(!(@.id=="x"))]',
        "$.serviceCharacteristic[?(@.id)]",
        '$.serviceCharacteristic[?(@.id==="x")]',
        '$.serviceCharacteristic[?(@.id<"x")]',
        '$.serviceCharacteristic[?("x"==@.id)]',
        "$.serviceCharacteristic[?(@.id==@.name)]",
        '$.serviceCharacteristic[?(@.id=="x" & @.id=="y")]',
        '$.serviceCharacteristic[?(@["id"]=="x")]',
        '$.serviceCharacteristic[?(@.value[?(@.value=="x")])]',
        "$.serviceCharacteristic[?(@.id==x)]",
        "$.serviceCharacteristic[?(@.id==01)]",
        "$.serviceCharacteristic[?(@.id==True)]",
        '$.serviceCharacteristic[?(@.id=="a\\qb")]',
        '$.serviceCharacteristic[?(@.id=="a\\u12")]',
        "$.serviceCharacteristic[?(@.id=='a\\\"b')]",
        '$.serviceCharacteristic[?(@.id=="tab\there")]',
        "$.1abc",
        "$.a-b",
        " $.a",
        "$.a ",
      ]) {
        const answer = await get("/service", { filter });
        expect(answer.status, filter).toBe(400);
        expect((answer.body as { message: string }).message, filter).toMatch(/filter .* at character \d+/);
      }
    });

    it("never answers anything but 200 or a 400 Error to any filter string, and runs none of it", async () => {
      const { get } = await start();
      await fc.assert(
        fc.asyncProperty(filters, async (filter) => {
          // Per run, so that shrinking reports the filter that ran code, not the ones after it.
          delete (globalThis as Record<string, unknown>)[PWNED];
          const answer = await get("/service", { filter });
          expect([200, 400], filter).toContain(answer.status);
          if (answer.status === 400) expect(answer.body).toMatchObject({ code: "ERR_400", status: "Error" });
          expect(pwned()).toBeUndefined();
        }),
        { numRuns: 150 },
      );
    });
  });
});
