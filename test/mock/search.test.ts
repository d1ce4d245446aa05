import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createGiacomSimulator, defaultSeed, type SimulatorOptions } from "../../src/mock/index.js";
import type { ServiceSpecification } from "../../src/types.js";
import { client, loopbackPassthrough, MODES, serve, type Served } from "./helpers.js";

const VOICE_O2 = "dd5244e1-13e3-45a5-b2f0-47b111a65142";
const DATA_O2 = "6b9d14d4-cca9-416e-9af5-452b77e63a7b";
const BOLT_ON = "7";
// The document's own filter strings.
const BY_SUBSCRIBER_NUMBER = '$.serviceCharacteristic[?(@.id=="SUBSCRIBER_NUMBER")].value[?(@.value=="07800987654")]';
const BY_SIM_SERIAL = '$.serviceCharacteristic[?(@.id=="SIM_SERIAL")].value[?(@.value=="8944201122334455667")]';
const GIACOM_SUPPLIED = '$.relatedParty[?(@.role=="supplier" && @.partyOrPartyRole.id=="GIACOM")]';
const O2_NETWORK = '$.relatedParty[?(@.role=="network" && @.partyOrPartyRole.id=="O2")]';

const ids = (body: unknown) => (body as { id: string }[]).map((e) => e.id).sort();

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

describe.each(MODES)("searching and reading the simulator's collections (%s)", (mode) => {
  const server = setupServer(loopbackPassthrough);
  let served: Served | undefined;
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(async () => served?.close());
  afterAll(() => server.close());

  async function start(options: SimulatorOptions = {}) {
    served = await serve(mode, createGiacomSimulator(options), server);
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
});
