// TMF630 paging for the APIs that page (offset/limit): every match, page after page, through a
// real transport over an injected fetch that serves a paging collection.
import { describe, expect, it } from "vitest";
import { createTransport, resolveClientOptions, staticHeaders, InvalidArgumentError } from "giacom-sdk/core";
import { createSearch, listAll } from "../../src/tmf/list.js";

interface Item {
  id: string;
}
type Paths = {
  "/items": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: { query?: { offset?: number; limit?: number; colour?: string }; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: { [name: string]: unknown }; content: { "application/json": Item[] } } };
    };
  };
};

/** A collection of `total` items that pages as TMF630 says; `lie` makes it count more than it has. */
function pagingApi(total: number, { lie = 0 } = {}) {
  const items = Array.from({ length: total }, (_, i) => ({ id: `i-${i}` }));
  const asked: string[] = [];
  const fetch = async (url: string | URL | Request) => {
    const u = new URL(String(url));
    asked.push(u.search);
    const offset = Number(u.searchParams.get("offset") ?? 0);
    const limit = Number(u.searchParams.get("limit") ?? total);
    const page = items.slice(offset, offset + limit);
    return Response.json(page, { headers: { "X-Total-Count": String(total + lie), "X-Result-Count": String(page.length) } });
  };
  const http = createTransport<Paths>({
    ...resolveClientOptions({ baseUrl: "https://paging.example/api", fetch }),
    auth: staticHeaders({ "X-Key": "paging-key-123" }),
  });
  return { search: createSearch<Item, Paths>(http, "/items"), asked };
}

describe("listAll: every match of a paging search", () => {
  it("asks page after page with offset and limit, keeps the query, and stops at totalCount", async () => {
    const { search, asked } = pagingApi(5);
    const seen: string[] = [];
    for await (const item of listAll(search.list, { colour: "red" }, { pageSize: 2 })) seen.push(item.id);
    expect(seen).toEqual(["i-0", "i-1", "i-2", "i-3", "i-4"]);
    expect(asked).toEqual(["?colour=red&offset=0&limit=2", "?colour=red&offset=2&limit=2", "?colour=red&offset=4&limit=2"]);
  });

  it("asks for a page only when the previous one is consumed", async () => {
    const { search, asked } = pagingApi(10);
    for await (const item of listAll(search.list, {}, { pageSize: 3 })) if (item.id === "i-1") break;
    expect(asked).toHaveLength(1);
  });

  it("stops at the first empty page of a server that counts more than it has", async () => {
    const { search, asked } = pagingApi(3, { lie: 100 });
    const seen = [];
    for await (const item of listAll(search.list, {}, { pageSize: 2 })) seen.push(item);
    expect(seen).toHaveLength(3);
    expect(asked).toHaveLength(3);
  });

  it("refuses a page size that is not a positive integer", async () => {
    const { search } = pagingApi(1);
    await expect(listAll(search.list, {}, { pageSize: 0 }).next()).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
